"""Kanal Teknologi: fictional technology news written for the demo site."""

from __future__ import annotations

from archiver.demo.model import DemoArticle
from archiver.demo.model import make_article as A

S = "teknologi"

ARTICLES: list[DemoArticle] = [
    A(7040401, S, "Satelit Internet Mulai Layani Sekolah di Pulau-pulau Terluar",
      ("Gilang Ramadhan",), "2026-11-28 13:05",
      [
          "JAKARTA, Warta Nusantara - Sebanyak 850 sekolah di pulau-pulau terluar kini tersambung internet melalui satelit orbit rendah. Koneksi itu memungkinkan siswa mengikuti asesmen daring yang sebelumnya harus dilakukan di kota kabupaten.",
          "Kecepatan rata-rata yang diterima sekolah mencapai 50 megabit per detik. Angka itu jauh di atas layanan satelit lama yang kerap terputus saat cuaca buruk.",
          "\"Guru-guru kami sekarang bisa ikut pelatihan tanpa harus naik kapal dua hari,\" kata Maria Lewerissa, kepala sekolah dasar di Kepulauan Aru.",
          "Pemerintah menanggung biaya langganan selama tiga tahun pertama. Setelah itu, pemerintah daerah diminta menganggarkan biaya operasional secara mandiri.",
          "Pengamat telekomunikasi mengingatkan perlunya pelatihan perawatan perangkat. Di beberapa lokasi, antena sudah tidak berfungsi karena tersambar petir dan belum diganti.",
      ],
      tags=("Internet", "Pendidikan", "Satelit"), editor_codes=("gil/ags",), features=("syndicated",)),

    A(7040402, S, "Waspada Modus Penipuan Undangan Pernikahan Berformat APK",
      ("Tika Maharani",), "2026-11-24 09:45",
      [
          "Penipuan dengan modus undangan pernikahan digital berformat APK kembali marak. Korban menerima pesan berisi berkas yang tampak seperti undangan, padahal merupakan aplikasi pencuri data.",
          "Setelah dipasang, aplikasi tersebut membaca pesan singkat di ponsel korban, termasuk kode verifikasi dari bank. Pelaku kemudian menguras rekening korban dalam hitungan menit.",
          "Peneliti keamanan siber, Arief Budiman, menyarankan pengguna tidak pernah memasang aplikasi dari luar toko resmi. \"Undangan pernikahan itu berupa gambar atau tautan, bukan aplikasi,\" ujarnya.",
          "Pengguna yang telanjur memasang diminta segera mematikan koneksi data, menghubungi bank untuk memblokir rekening, dan mengatur ulang ponsel ke setelan pabrik.",
      ],
      tags=("Keamanan Siber", "Penipuan"), style="meta", features=("og_only",)),

    A(7040403, S, "Mahasiswa Bandung Kembangkan Alat Deteksi Kesuburan Tanah Murah",
      ("Tika Maharani",), "2022-05-24 14:32",
      [
          "Sekelompok mahasiswa di Bandung mengembangkan alat pendeteksi kesuburan tanah yang harganya tidak sampai sepersepuluh alat sejenis buatan luar negeri.",
          "Alat berbentuk tongkat itu cukup ditancapkan ke tanah selama satu menit. Hasil pengukuran kadar nitrogen, fosfor, kalium, dan keasaman tanah langsung muncul di aplikasi ponsel.",
          "Menurut ketua tim, Rangga Firdaus, ide itu muncul ketika melihat petani di kampungnya memupuk tanpa takaran yang jelas. Akibatnya, biaya pupuk membengkak sementara hasil panen tidak meningkat.",
          "Prototipe alat sudah diuji di 40 hektare sawah di Subang. Tim kini mencari mitra produksi agar alat bisa dijual kepada kelompok tani.",
      ],
      tags=("Inovasi", "Pertanian"), style="dateline", dateline="slash"),

    A(7040404, S, "Aplikasi Transportasi Daring Uji Coba Ojek Listrik di Lima Kota",
      ("Gilang Ramadhan", "Tika Maharani"), "2026-11-12 10:00",
      [
          "Sebuah aplikasi transportasi daring memulai uji coba layanan ojek motor listrik di lima kota. Pengemudi yang bergabung mendapat sewa motor dengan harga khusus dan akses ke stasiun tukar baterai.",
          "Pada tahap awal disediakan 3.000 unit motor listrik. Perusahaan mengklaim biaya energi per kilometer hanya sepertiga dibandingkan motor berbahan bakar bensin.",
          "Sejumlah pengemudi yang ditemui mengaku penghasilan bersih mereka naik, tetapi mengeluhkan antrean di stasiun tukar baterai pada jam sibuk.",
          "Perusahaan berjanji menambah 200 stasiun baru hingga Maret. Uji coba akan dievaluasi setelah enam bulan sebelum diperluas ke kota lain.",
          "Pemerintah daerah menyambut baik uji coba ini karena sejalan dengan target pengurangan emisi di wilayah perkotaan.",
      ],
      tags=("Kendaraan Listrik", "Transportasi"), features=("comments",)),

    A(7040405, S, "Pusat Data Baru di Batam Siap Beroperasi Awal Tahun Depan",
      ("Andi Kurniawan",), "2026-11-05 15:30",
      [
          "Pusat data berkapasitas 40 megawatt di Batam dijadwalkan mulai beroperasi pada awal tahun depan. Fasilitas itu dibangun untuk melayani perusahaan komputasi awan dan lembaga keuangan.",
          "Pengelola menyatakan sebagian kebutuhan listrik akan dipasok dari pembangkit tenaga surya terapung di waduk terdekat.",
          "Kehadiran pusat data ini diperkirakan menyerap sekitar 600 tenaga kerja langsung. Pengelola bekerja sama dengan politeknik setempat untuk menyiapkan teknisi.",
          "Pengamat menilai Batam diuntungkan oleh letaknya yang dekat dengan Singapura dan tersambung kabel laut internasional.",
      ],
      tags=("Pusat Data", "Investasi"), style="detik", features=("ads",), editor_codes=("akn/gil",)),

    A(7040406, S, "Komunitas Pengembang Gelar Hackathon Aksara Nusantara",
      ("Tika Maharani",), "2026-10-30 18:00",
      [
          "Komunitas pengembang perangkat lunak menggelar hackathon selama 48 jam untuk membuat aplikasi yang mendukung aksara daerah, seperti aksara Jawa, Bali, Sunda, dan Bugis.",
          "Sebanyak 32 tim ikut serta. Pemenang pertama membuat papan ketik ponsel untuk aksara Lontara lengkap dengan kamus dan fitur transliterasi.",
          "Juri menilai banyak karya yang siap dipakai, terutama untuk guru muatan lokal yang selama ini kesulitan mencari bahan ajar digital.",
          "Panitia akan membantu tim pemenang mempublikasikan aplikasinya secara sumber terbuka agar bisa dikembangkan bersama.",
      ],
      tags=("Aksara Daerah", "Perangkat Lunak"), style="meta"),

    A(7040407, S, "Rumah Sakit Daerah Terapkan Rekam Medis Elektronik Terpadu",
      ("Gilang Ramadhan",), "2026-10-21 08:30",
      [
          "Sebanyak 14 rumah sakit daerah di Jawa Tengah mulai menerapkan rekam medis elektronik yang saling terhubung. Pasien yang dirujuk tidak perlu lagi membawa map berisi hasil pemeriksaan.",
          "Dokter di rumah sakit rujukan dapat melihat riwayat pemeriksaan, obat, dan hasil laboratorium pasien setelah mendapat persetujuan melalui pesan singkat.",
          "Kepala dinas kesehatan provinsi mengatakan sistem ini memangkas waktu tunggu pasien rujukan rata-rata satu jam.",
          "Pakar perlindungan data mengingatkan rumah sakit agar membatasi akses petugas sesuai kebutuhan dan mencatat setiap pembukaan data pasien.",
          "Sistem ini akan diperluas ke puskesmas secara bertahap mulai tahun depan.",
      ],
      tags=("Kesehatan", "Digitalisasi"), style="jsonld_only"),
]
