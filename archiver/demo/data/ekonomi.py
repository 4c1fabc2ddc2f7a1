"""Kanal Ekonomi: fictional business news written for the demo site."""

from __future__ import annotations

from archiver.demo.model import DemoArticle
from archiver.demo.model import make_article as A

S = "ekonomi"

ARTICLES: list[DemoArticle] = [
    A(7020201, S, "Harga Cabai Rawit Melonjak Jelang Akhir Tahun, Pedagang Kurangi Stok",
      ("Siti Rahmawati",), "2026-11-28 07:20",
      [
          "JAKARTA, Warta Nusantara - Harga cabai rawit merah di sejumlah pasar tradisional melonjak hingga Rp 95.000 per kilogram, naik hampir dua kali lipat dibandingkan awal bulan.",
          "Pedagang di Pasar Induk mengatakan pasokan dari sentra produksi berkurang karena hujan lebat merusak tanaman yang siap panen. Sebagian pedagang memilih mengurangi stok agar tidak menanggung kerugian jika harga tiba-tiba turun.",
          "\"Biasanya saya ambil satu kuintal, sekarang cukup 30 kilo saja. Pembeli juga belinya sedikit-sedikit,\" kata Rohani, pedagang cabai yang sudah berjualan selama 15 tahun.",
          "Dinas perdagangan berencana menggelar operasi pasar di lima titik mulai pekan depan. Cabai akan dijual langsung dari kelompok tani dengan harga di bawah harga pasar.",
          "Ekonom pangan mengingatkan bahwa lonjakan harga cabai biasanya bersifat sementara, tetapi dapat menambah tekanan inflasi bulanan karena bobotnya cukup besar dalam belanja rumah tangga.",
      ],
      tags=("Harga Pangan", "Inflasi"), features=("baca_juga_div",), editor_codes=("sir/ags",)),

    A(7020202, S, "Ekspor Kopi Robusta Naik 18 Persen, Petani Lampung Panen Untung",
      ("Andi Kurniawan",), "2026-11-25 16:00",
      [
          "Ekspor kopi robusta sepanjang sepuluh bulan pertama tahun ini naik 18 persen dibandingkan periode yang sama tahun lalu. Kenaikan harga di pasar dunia membuat petani di sentra produksi ikut menikmati keuntungan.",
          "Di Kabupaten Tanggamus, harga biji kopi kering di tingkat petani kini berkisar Rp 62.000 per kilogram. Dua tahun lalu harganya masih di bawah Rp 30.000.",
          "\"Dulu banyak yang mau ganti tanam jagung. Sekarang kebun kopi dirawat lagi, dipangkas, dipupuk,\" ujar Marzuki, ketua kelompok tani setempat.",
          "Asosiasi eksportir menilai momentum ini harus dimanfaatkan untuk memperbaiki mutu. Biji yang dipetik merah dan dijemur di atas para-para dihargai jauh lebih tinggi oleh pembeli dari Eropa dan Jepang.",
          "Meski demikian, petani diminta tidak terlena. Harga komoditas dikenal naik-turun, sehingga sebagian keuntungan sebaiknya disisihkan untuk peremajaan tanaman yang sudah tua.",
      ],
      tags=("Kopi", "Ekspor", "Pertanian"), style="detik", features=("ads",),
      editor_codes=("akn/rdp",)),

    A(7020203, S, "Bank Daerah Luncurkan Kredit Usaha Mikro Tanpa Agunan untuk Pedagang Pasar",
      ("Maya Puspita",), "2022-05-24 14:32",
      [
          "Sebuah bank pembangunan daerah meluncurkan skema kredit usaha mikro tanpa agunan khusus untuk pedagang pasar tradisional dengan plafon hingga Rp 25 juta.",
          "Pengajuan cukup dilakukan dengan menunjukkan kartu identitas dan surat keterangan berjualan dari pengelola pasar. Bunga yang ditawarkan enam persen per tahun dengan tenor maksimal tiga tahun.",
          "Direktur bisnis bank tersebut, Teguh Prasetyo, mengatakan selama ini banyak pedagang terjerat pinjaman harian dengan bunga mencekik. Skema baru diharapkan menjadi alternatif yang lebih sehat.",
          "Pada tahap awal, program akan dijalankan di 40 pasar. Petugas bank akan membuka meja layanan di pasar setiap Selasa dan Kamis pagi agar pedagang tidak perlu meninggalkan lapaknya.",
      ],
      tags=("UMKM", "Perbankan"), style="meta", dateline="kompas"),

    A(7020204, S, "Kafé Kopi Susu “Tanpa Nama” Buka Cabang Ke-100 – Kini Bidik Pasar Ekspor",
      ("José Firmansyah",), "2026-11-19 11:00",
      [
          "JAKARTA, Warta Nusantara – Jaringan kafé kopi susu “Tanpa Nama” resmi membuka gerai ke-100 di Bekasi, Kamis (19/11), kurang dari lima tahun sejak gerai pertamanya berdiri di sebuah garasi.",
          "Pendiri jaringan tersebut, José Firmansyah, mengatakan kunci pertumbuhannya adalah menu yang sederhana dan harga yang terjangkau. “Kami tidak menjual gaya hidup, kami menjual kopi yang enak untuk sehari-hari,” katanya.",
          "Perusahaan kini menyiapkan ekspor biji kopi sangrai ke Malaysia dan Brunei. Produk perdananya adalah racikan kopi Gayo dan robusta Temanggung dengan tingkat sangrai sedang–gelap.",
          "Analis ritel menilai bisnis kopi susu sudah memasuki fase jenuh di kota besar. Menurutnya, jaringan yang bertahan adalah yang mampu menjaga mutu rasa di setiap gerai dan mengendalikan biaya sewa.",
          "“Tanpa Nama” menargetkan 150 gerai hingga akhir tahun depan, sebagian besar di kota-kota menengah di luar Jawa.",
      ],
      tags=("Kopi", "Waralaba"), style="meta", encoding="windows-1252",
      features=("cp1252",)),

    A(7020205, S, "Pengusaha Tekstil Minta Perlindungan dari Banjir Produk Impor Murah",
      ("Andi Kurniawan",), "2016-02-16 09:10",
      [
          "Asosiasi pengusaha tekstil meminta pemerintah memperketat pengawasan impor pakaian jadi yang dinilai membanjiri pasar dengan harga sangat murah.",
          "Menurut asosiasi, sedikitnya 30 pabrik kecil dan menengah di Jawa Barat terpaksa mengurangi jam kerja sejak akhir tahun lalu. Ribuan pekerja kini hanya masuk tiga hari dalam seminggu.",
          "\"Kami tidak anti impor. Yang kami minta adalah persaingan yang adil, termasuk penindakan terhadap barang yang masuk tanpa membayar bea,\" kata ketua asosiasi, Hartono Gunawan.",
          "Kementerian terkait menyatakan sedang mengkaji penerapan bea masuk tindakan pengamanan untuk beberapa kategori produk. Keputusan diharapkan keluar dalam dua bulan.",
      ],
      tags=("Industri", "Impor"), style="dateline", dateline="at"),

    A(7020206, S, "Inflasi Oktober Terkendali, Harga Beras Mulai Turun",
      ("Siti Rahmawati", "Maya Puspita"), "2026-11-02 11:15",
      [
          "Inflasi tahunan pada Oktober tercatat 2,4 persen, masih berada dalam kisaran sasaran. Penurunan harga beras menjadi penahan utama setelah panen gadu di sejumlah sentra produksi.",
          "Harga beras medium di tingkat konsumen turun rata-rata Rp 400 per kilogram dibandingkan bulan sebelumnya. Sebaliknya, harga emas perhiasan dan tarif angkutan udara masih menyumbang kenaikan.",
          "Kepala ekonom sebuah bank swasta, Indra Maulana, memperkirakan inflasi akhir tahun tetap terjaga meski ada tekanan musiman dari libur Natal dan Tahun Baru.",
          "Ia menambahkan bahwa daya beli masyarakat kelas menengah perlu diperhatikan. Penjualan kendaraan bermotor dan barang elektronik cenderung melambat dalam tiga bulan terakhir.",
          "Pemerintah daerah diminta terus memantau harga pangan strategis dan menjaga kelancaran distribusi menjelang akhir tahun.",
      ],
      tags=("Inflasi", "Beras"), editor_codes=("sir/mpa",)),

    A(7020207, S, "Startup Logistik Desa Raih Pendanaan Rp 120 Miliar",
      ("Gilang Ramadhan",), "2026-10-27 13:00",
      [
          "Perusahaan rintisan logistik yang melayani pengiriman barang ke desa-desa meraih pendanaan seri A senilai Rp 120 miliar.",
          "Dana itu akan dipakai untuk membangun 60 gudang transit di tingkat kecamatan. Selama ini pengiriman ke desa terpencil sering memakan waktu lebih dari seminggu karena barang harus menunggu muatan penuh.",
          "Salah satu pendiri perusahaan, Nadia Rahman, mengatakan model bisnisnya bertumpu pada warung desa yang berperan sebagai titik ambil barang. Pemilik warung mendapat komisi dari setiap paket yang diambil pelanggan.",
          "Saat ini layanan tersebut sudah menjangkau 2.300 desa di Jawa Tengah dan Nusa Tenggara Barat. Perusahaan menargetkan 10.000 desa dalam dua tahun ke depan.",
          "Investor menilai pasar pengiriman ke perdesaan masih sangat besar karena belanja daring warga desa tumbuh lebih cepat dibandingkan di kota.",
      ],
      tags=("Startup", "Logistik"), style="meta", modified="2026-10-27 18:20"),

    A(7020208, S, "Nelayan Cilacap Mulai Gunakan Aplikasi Lelang Ikan",
      ("Gilang Ramadhan",), "2017-02-17 13:16",
      [
          "Nelayan di Cilacap mulai memakai aplikasi lelang ikan yang memungkinkan pembeli menawar hasil tangkapan sebelum kapal bersandar.",
          "Dengan aplikasi itu, nelayan mengunggah foto dan perkiraan berat ikan dari tengah laut. Pembeli dari pabrik pengolahan dan rumah makan kemudian mengajukan penawaran secara terbuka.",
          "\"Dulu harga ditentukan tengkulak begitu kapal datang. Sekarang kami sudah tahu harganya sebelum sampai,\" kata Karsono, nakhoda kapal motor berukuran 10 gros ton.",
          "Koperasi nelayan setempat mencatat harga rata-rata ikan tongkol naik sekitar 15 persen sejak lelang daring diterapkan. Koperasi berencana menambah pelatihan bagi nelayan yang belum terbiasa memakai telepon pintar.",
      ],
      tags=("Perikanan", "Digitalisasi"), style="dateline", dateline="eng_month_full"),
]
