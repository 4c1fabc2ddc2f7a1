"""Kanal Daerah: fictional regional news (WIB, WITA and WIT newsrooms)."""

from __future__ import annotations

from archiver.demo.model import DemoArticle
from archiver.demo.model import make_article as A

S = "daerah"

ARTICLES: list[DemoArticle] = [
    A(7050501, S, "Pete-pete di Makassar Mulai Gunakan Pembayaran Nontunai",
      ("Andi Syamsuddin",), "2015-11-05 14:56",
      [
          "MAKASSAR, Warta Nusantara - Angkutan kota yang dikenal warga sebagai pete-pete mulai menerima pembayaran nontunai menggunakan kartu elektronik.",
          "Pada tahap awal, 120 unit pete-pete di tiga trayek dipasangi alat pembaca kartu. Penumpang cukup menempelkan kartu saat turun.",
          "Sopir pete-pete, Daeng Rapi, mengaku awalnya ragu. \"Takut uangnya lama cair. Ternyata masuk ke rekening setiap sore,\" katanya.",
          "Dinas perhubungan berharap sistem ini membuat setoran lebih tertib dan memudahkan pendataan jumlah penumpang setiap trayek.",
      ],
      tags=("Transportasi", "Makassar"), zone="WITA", style="dateline", dateline="hari_slash"),

    A(7050502, S, "Subak di Tabanan Bertahan di Tengah Alih Fungsi Lahan",
      ("Ni Luh Ayu Sari",), "2026-11-21 16:20",
      [
          "TABANAN, Warta Nusantara - Sistem irigasi tradisional subak di Tabanan terus bertahan meski ratusan hektare sawah beralih fungsi menjadi vila dan perumahan dalam satu dekade terakhir.",
          "Para pekaseh, pemimpin subak, bersepakat menolak penjualan lahan di jalur saluran utama. Mereka khawatir pembangunan di hulu akan mengganggu pembagian air ke sawah di hilir.",
          "\"Subak bukan hanya soal air. Ini soal kebersamaan dan upacara yang menyatukan kami,\" kata I Wayan Sudarma, pekaseh yang sudah memimpin subaknya selama 20 tahun.",
          "Pemerintah kabupaten memberikan keringanan pajak bumi dan bangunan bagi pemilik sawah yang berkomitmen tidak menjual lahannya selama sepuluh tahun.",
          "Akademisi menilai insentif pajak belum cukup. Menurut mereka, generasi muda perlu melihat bertani sebagai pekerjaan yang menjanjikan, misalnya melalui pengolahan beras organik dan agrowisata.",
      ],
      tags=("Subak", "Bali", "Pertanian"), zone="WITA", features=("republished",),
      editor_codes=("nla/ws",)),

    A(7050503, S, "Festival Danau Sentani Kembali Digelar dengan Lomba Perahu Hias",
      ("Yohanes Wenda",), "2026-11-14 10:10",
      [
          "JAYAPURA, Warta Nusantara - Festival Danau Sentani kembali digelar dengan menghadirkan lomba perahu hias dan tarian di atas perahu dari puluhan kampung di sekitar danau.",
          "Festival berlangsung lima hari dan dibuka dengan tarian perang di atas perahu yang dibawakan ratusan penari. Ribuan pengunjung memadati tepi danau sejak pagi.",
          "Panitia juga menggelar pameran kerajinan kulit kayu dan lukisan khas Sentani. Para perajin mengaku pesanan meningkat tajam selama festival.",
          "Kepala dinas pariwisata berharap festival ini mampu menarik wisatawan mancanegara yang selama ini lebih banyak berkunjung ke Raja Ampat.",
      ],
      tags=("Festival", "Papua", "Pariwisata"), zone="WIT", style="meta"),

    A(7050504, S, "Durian Medan Tembus Pasar Tiongkok Lewat Jalur Kargo Udara",
      ("Butet Simanjuntak",), "2026-11-07 09:40",
      [
          "MEDAN, Warta Nusantara - Durian asal Sumatera Utara mulai diekspor ke Tiongkok melalui jalur kargo udara. Pengiriman perdana sebanyak 12 ton diberangkatkan dari Bandara Kualanamu.",
          "Durian dikirim dalam bentuk daging beku agar tetap segar selama perjalanan. Eksportir bekerja sama dengan petani di Karo dan Dairi untuk menjamin pasokan.",
          "Kepala balai karantina setempat memastikan seluruh produk sudah melalui pemeriksaan dan memenuhi persyaratan negara tujuan.",
          "Petani berharap ekspor ini menjaga harga durian tetap stabil saat panen raya, ketika harga di pasar lokal biasanya anjlok.",
      ],
      tags=("Durian", "Ekspor", "Sumatera Utara"), style="dateline", dateline="hari_lengkap"),

    A(7050505, S, "Balikpapan Bangun Taman Hutan Kota Seluas 20 Hektare",
      ("Rahmat Hidayat",), "2026-10-29 11:25",
      [
          "BALIKPAPAN, Warta Nusantara - Pemerintah Kota Balikpapan mulai membangun taman hutan kota seluas 20 hektare di bekas lahan tambang galian yang sudah lama terbengkalai.",
          "Kawasan itu akan ditanami pohon-pohon endemik Kalimantan, seperti ulin, meranti, dan bangkirai. Jalur pejalan kaki dan sepeda juga disiapkan.",
          "Wali kota mengatakan taman ini diharapkan menjadi daerah resapan air untuk mengurangi banjir yang kerap melanda kawasan sekitarnya.",
          "Pembangunan tahap pertama ditargetkan selesai pertengahan tahun depan. Warga diajak ikut menanam pohon melalui program adopsi pohon.",
      ],
      tags=("Lingkungan", "Kalimantan Timur"), zone="WITA", editor_codes=("rhd/nla",)),

    A(7050506, S, "Petani Cengkih Ambon Keluhkan Harga Anjlok Saat Panen Raya",
      ("Maria Latuconsina",), "2026-10-15 15:05",
      [
          "Petani cengkih di Pulau Ambon mengeluhkan harga yang anjlok hingga Rp 70.000 per kilogram saat panen raya tahun ini. Tahun lalu harga masih di atas Rp 110.000.",
          "Para petani menduga pedagang pengumpul sengaja menekan harga karena pasokan melimpah. Sebagian petani memilih menyimpan cengkih sambil menunggu harga membaik.",
          "Dinas pertanian provinsi berencana memfasilitasi penjualan langsung ke pabrik rokok dan industri makanan agar rantai pasok lebih pendek.",
          "Petani juga didorong membentuk koperasi supaya memiliki posisi tawar yang lebih kuat saat bernegosiasi dengan pembeli besar.",
      ],
      tags=("Cengkih", "Maluku"), zone="WIT", style="jsonld_only"),

    # An old template that states only the day: midnight WIB is 31 October in UTC, yet the
    # article belongs to November.
    A(7050507, S, "Pasar Terapung Banjarmasin Ramai Dikunjungi Wisatawan Lokal",
      ("Rahmat Hidayat",), "2026-11-01 00:00",
      [
          "BANJARMASIN, Warta Nusantara - Pasar terapung di Sungai Martapura kembali ramai dikunjungi wisatawan lokal pada akhir pekan setelah dermaga baru selesai dibangun.",
          "Pedagang menjajakan sayur, buah, dan kue tradisional dari atas jukung sejak subuh. Sebagian pedagang mengaku omzetnya naik dua kali lipat dibanding bulan lalu.",
          "Dinas pariwisata kota menambah jadwal perahu wisata dari pusat kota agar pengunjung tidak perlu berangkat terlalu pagi.",
          "Pemandu wisata berharap kebersihan sungai tetap dijaga karena sampah plastik masih sering terlihat di sekitar dermaga.",
      ],
      tags=("Pasar Terapung", "Kalimantan Selatan"), style="dateline", dateline="tanggal"),
]
