"""Kanal Nasional: fictional national news written for the demo site."""

from __future__ import annotations

from archiver.demo.model import DemoArticle
from archiver.demo.model import make_article as A

S = "nasional"

ARTICLES: list[DemoArticle] = [
    A(7010101, S, "Pemerintah Perpanjang Program Makan Siang Sekolah hingga Akhir 2027",
      ("Dewi Anggraini",), "2026-11-28 19:40",
      [
          "JAKARTA, Warta Nusantara - Pemerintah memutuskan memperpanjang program makan siang sekolah hingga akhir 2027 setelah evaluasi tahap pertama menunjukkan kehadiran siswa naik di hampir semua provinsi peserta.",
          "Keputusan itu diumumkan dalam rapat koordinasi lintas kementerian di Jakarta, Sabtu (28/11). Menurut Deputi Bidang Kesejahteraan Sosial, Hendra Wiratama, anggaran tambahan akan diambil dari pos belanja yang tidak terserap pada tahun berjalan.",
          "\"Kami melihat angka ketidakhadiran turun cukup tajam di sekolah yang menjalankan program sejak awal. Orang tua juga merasa terbantu karena pengeluaran harian berkurang,\" kata Hendra kepada wartawan seusai rapat.",
          "Evaluasi yang dilakukan tim independen mencatat bahwa menu di sejumlah daerah masih terlalu bergantung pada nasi dan gorengan. Pemerintah karena itu meminta dinas kesehatan setempat menyusun daftar menu mingguan yang memenuhi standar gizi seimbang.",
          "Sejumlah pemerhati pendidikan menyambut baik perpanjangan tersebut, tetapi mengingatkan pentingnya pengawasan rantai pasok. Di beberapa kabupaten, keterlambatan pembayaran kepada pemasok lokal sempat membuat dapur sekolah berhenti beroperasi selama sepekan.",
          "Pemerintah menargetkan seluruh sekolah dasar negeri di daerah tertinggal sudah bergabung dengan program ini paling lambat pertengahan tahun depan.",
      ],
      tags=("Pendidikan", "Gizi Anak"), editor_codes=("dwa/hen",), dateline="hari_lengkap"),

    A(7010102, S, "Banjir Rob Rendam Ribuan Rumah di Pesisir Utara Jawa",
      ("Rizky Pratama",), "2026-11-26 08:05",
      [
          "Banjir rob kembali merendam ribuan rumah di sepanjang pesisir utara Jawa sejak Rabu dini hari. Air laut pasang yang bertepatan dengan hujan deras membuat genangan di beberapa kelurahan mencapai ketinggian lutut orang dewasa.",
          "Badan Penanggulangan Bencana Daerah setempat mencatat sedikitnya 4.200 rumah terdampak di tiga kabupaten. Sebagian warga memilih bertahan di lantai dua rumah mereka, sementara warga lanjut usia dievakuasi ke balai desa.",
          "\"Setiap tahun begini, tapi tahun ini airnya datang lebih cepat dan surutnya lebih lama,\" ujar Sumarni, warga Kelurahan Tanjung Mas, yang sudah tiga hari tidak bisa membuka warung makannya.",
          "Petugas memasang pompa portabel di titik-titik terendah dan membagikan air bersih menggunakan mobil tangki. Dinas kesehatan juga membuka posko pemeriksaan karena mulai banyak warga mengeluhkan gatal-gatal dan diare.",
          "Pakar hidrologi menilai penurunan muka tanah akibat pengambilan air tanah berlebihan menjadi penyebab utama rob yang makin parah. Ia mendorong pemerintah daerah mempercepat penyediaan air perpipaan agar warga dan industri berhenti mengebor sumur dalam.",
      ],
      tags=("Banjir", "Bencana Alam"), style="detik", features=("ads", "simak_video"),
      editor_codes=("rdp/imk",)),

    A(7010103, S, "Menelusuri Jejak Jalur Rempah, dari Banda hingga Pelabuhan Sunda Kelapa",
      ("Ayu Lestari", "Bagus Santoso"), "2026-11-22 10:30",
      [
          "JAKARTA, Warta Nusantara - Ratusan tahun sebelum kapal kontainer memenuhi pelabuhan, pala dan cengkih dari timur Nusantara sudah berlayar melintasi samudra. Jalur perdagangan itu kini sedang diusulkan menjadi warisan budaya dunia.",
          "Tim riset gabungan dari beberapa universitas menghabiskan dua tahun untuk memetakan kembali pelabuhan-pelabuhan kecil yang pernah menjadi persinggahan kapal dagang. Mereka menemukan pecahan keramik, jangkar batu, dan catatan lisan yang masih diwariskan oleh keluarga nelayan.",
          "\"Banyak orang mengira jalur rempah hanya soal Banda dan Ternate. Padahal ada puluhan pelabuhan perantara yang sama pentingnya,\" kata ketua tim, Larasati Wibisono, dalam diskusi publik di Jakarta.",
          "Di Kepulauan Banda, tim mencatat sisa-sisa perkebunan pala yang masih dirawat dengan cara tradisional. Pohon-pohon tua dinaungi kenari besar, teknik yang menurut warga sudah dipakai sejak zaman leluhur mereka.",
          "Perjalanan berlanjut ke pesisir Sulawesi dan Kalimantan, tempat para pedagang dahulu menukar rempah dengan kain, beras, dan logam. Jejak itu terlihat pada kosakata pasar setempat yang masih menyimpan kata-kata serapan dari berbagai bahasa.",
          "Di Jawa, Pelabuhan Sunda Kelapa menjadi titik akhir penelusuran. Kapal pinisi yang bersandar di dermaga kayu menjadi pengingat bahwa teknologi pelayaran tradisional Nusantara pernah menjadi andalan perdagangan global.",
          "Larasati menjelaskan, berkas pengusulan ke UNESCO memerlukan bukti kesinambungan budaya, bukan sekadar situs arkeologi. Karena itu tim juga merekam upacara adat, resep masakan, dan lagu kerja para pelaut.",
          "Pemerintah daerah di sepanjang jalur diminta menyiapkan rencana pengelolaan kawasan. Tanpa rencana itu, kata Larasati, status warisan dunia justru bisa mendatangkan wisata massal yang merusak.",
          "Penyusunan berkas ditargetkan rampung tahun depan. Sementara itu, pameran foto hasil ekspedisi akan dibuka untuk umum di Museum Bahari mulai pekan depan.",
      ],
      tags=("Sejarah", "Budaya", "Jalur Rempah"), pages=3, dateline="kompas",
      modified="2026-11-22 15:10", features=("multipage",)),

    A(7010104, S, "Relawan Pemilu Diminta Cermat Mengisi Formulir Rekapitulasi",
      ("Yudha Saputra",), "2015-11-04 21:04",
      [
          "Komisi pemilihan daerah meminta para relawan dan petugas pemungutan suara lebih cermat mengisi formulir rekapitulasi menjelang pemilihan kepala daerah serentak bulan depan.",
          "Dalam bimbingan teknis yang digelar Rabu (4/11), petugas diperlihatkan contoh kesalahan yang paling sering terjadi, mulai dari angka yang tertukar antarkolom hingga tanda tangan saksi yang terlewat.",
          "\"Satu angka salah saja bisa memicu keberatan berjenjang. Lebih baik lambat lima menit daripada harus menghitung ulang satu kecamatan,\" kata anggota komisi, Ratna Sulistyowati.",
          "Komisi juga menyiapkan jalur konsultasi melalui telepon bagi petugas di daerah terpencil yang sulit menjangkau kantor kecamatan. Layanan itu akan dibuka sejak pagi hingga seluruh rekapitulasi tingkat desa selesai.",
      ],
      tags=("Pemilu", "Pilkada"), style="meta", dateline="pipa"),

    A(7010105, S, "Ombudsman Temukan Pungutan Liar dalam Layanan Pembuatan KTP",
      ("Nur Hidayah",), "2017-02-17 13:30",
      [
          "Ombudsman perwakilan daerah menemukan praktik pungutan liar dalam layanan pembuatan kartu tanda penduduk elektronik di sejumlah kecamatan. Warga diminta membayar antara Rp 50.000 hingga Rp 150.000 agar berkasnya diproses lebih cepat.",
          "Temuan itu berasal dari pemantauan tersembunyi selama tiga minggu. Petugas Ombudsman menyamar sebagai warga dan mencatat setiap permintaan uang yang diajukan oknum di loket.",
          "\"Layanan administrasi kependudukan itu gratis. Tidak ada alasan apa pun untuk meminta bayaran, apalagi dengan dalih blangko habis,\" tegas kepala perwakilan Ombudsman, Bambang Hermawan.",
          "Dinas kependudukan menyatakan akan menonaktifkan sementara petugas yang terlibat sambil menunggu pemeriksaan. Kotak pengaduan dan nomor layanan juga akan dipasang di setiap kantor kecamatan.",
          "Warga yang dimintai uang diimbau melapor disertai bukti berupa foto, rekaman, atau kuitansi agar tindak lanjutnya lebih cepat.",
      ],
      tags=("Pelayanan Publik", "Pungli"), style="dateline", dateline="jumat_strip"),

    A(7010106, S, "Kereta Cepat Tambah Jadwal Selama Libur Natal dan Tahun Baru",
      ("Fajar Nugroho",), "2026-11-20 14:45",
      [
          "Operator kereta cepat menambah 12 perjalanan per hari selama masa libur Natal dan Tahun Baru untuk mengantisipasi lonjakan penumpang.",
          "Tambahan jadwal berlaku mulai 19 Desember hingga 4 Januari. Tiket untuk perjalanan tambahan sudah bisa dipesan melalui aplikasi dan loket stasiun sejak hari ini.",
          "Manajer humas operator, Silvia Andriani, mengatakan tingkat keterisian pada libur panjang terakhir mencapai 96 persen sehingga penambahan perjalanan dinilai perlu. Ia meminta calon penumpang memesan jauh hari karena kursi pada akhir pekan cepat habis.",
          "Operator juga menambah petugas di stasiun dan memperpanjang jam operasional layanan bus pengumpan. Penumpang disarankan tiba paling lambat 30 menit sebelum keberangkatan.",
      ],
      tags=("Transportasi", "Libur Akhir Tahun"), style="jsonld_only"),

    A(7010107, S, "Gempa Magnitudo 5,6 Guncang Selatan Jawa, Tidak Berpotensi Tsunami",
      ("Dewi Anggraini", "Rizky Pratama"), "2026-11-18 03:12",
      [
          "JAKARTA, Warta Nusantara - Gempa bumi bermagnitudo 5,6 mengguncang wilayah selatan Jawa pada Rabu dini hari. Badan meteorologi menyatakan gempa tidak berpotensi tsunami.",
          "Pusat gempa berada di laut pada kedalaman 48 kilometer. Guncangan dirasakan cukup kuat di sejumlah kota pesisir selama beberapa detik sehingga warga berhamburan keluar rumah.",
          "Hingga pagi hari, petugas mencatat kerusakan ringan pada belasan rumah dan satu bangunan sekolah. Tidak ada laporan korban jiwa.",
          "Badan meteorologi mengimbau warga tidak terpancing kabar bohong tentang gempa susulan yang lebih besar. Informasi resmi hanya disampaikan melalui kanal resmi dan aplikasi peringatan dini.",
          "Pemerintah daerah mulai mendata kerusakan dan menyiapkan bantuan bahan bangunan bagi rumah yang retak.",
      ],
      tags=("Gempa", "Bencana Alam"), modified="2026-11-18 09:30", features=("diperbarui",),
      dateline="hari_lengkap"),

    A(7010108, S, "Perpustakaan Keliling Sambangi Desa-desa di Lereng Merapi",
      ("Ayu Lestari",), "2023-06-12 10:30",
      [
          "Sebuah mobil perpustakaan keliling kini rutin menyambangi desa-desa di lereng Gunung Merapi setiap akhir pekan. Anak-anak menyambutnya dengan antusias karena jarak ke perpustakaan kabupaten terlalu jauh untuk ditempuh.",
          "Program itu digagas oleh komunitas literasi setempat bersama karang taruna. Koleksi bukunya berasal dari sumbangan warga kota dan penerbit yang menyisihkan sebagian cetakan.",
          "\"Awalnya hanya 200 buku. Sekarang sudah lebih dari 3.000 dan kami sampai bingung menatanya di mobil,\" kata penggerak komunitas, Wahyu Setiadi, sambil tertawa.",
          "Selain meminjamkan buku, relawan juga mengadakan kelas mendongeng dan menulis. Beberapa karya anak-anak bahkan sudah dibukukan dan dijual untuk membiayai bensin mobil.",
          "Komunitas berharap pemerintah desa mau menyediakan pojok baca permanen di balai desa agar kegiatan membaca tidak hanya terjadi seminggu sekali.",
      ],
      tags=("Literasi", "Pendidikan"), style="dateline", dateline="pukul"),
]
