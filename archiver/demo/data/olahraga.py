"""Kanal Olahraga: fictional sports news written for the demo site."""

from __future__ import annotations

from archiver.demo.model import DemoArticle
from archiver.demo.model import make_article as A

S = "olahraga"

ARTICLES: list[DemoArticle] = [
    A(7030301, S, "Timnas U-20 Tekuk Vietnam 2-1 di Laga Uji Coba",
      ("Reza Mahendra",), "2026-11-27 21:35",
      [
          "JAKARTA, Warta Nusantara - Tim nasional U-20 menang 2-1 atas Vietnam dalam laga uji coba di Stadion Madya, Jumat malam. Dua gol kemenangan dicetak pada babak kedua setelah tertinggal lebih dulu.",
          "Vietnam unggul pada menit ke-23 lewat sundulan memanfaatkan sepak pojok. Lini belakang Indonesia terlihat lambat mengantisipasi bola kedua.",
          "Pelatih melakukan dua pergantian pada awal babak kedua dan tempo permainan langsung meningkat. Gelandang Arya Wicaksono menyamakan kedudukan pada menit ke-58 sebelum penyerang sayap Fikri Ramadhan mencetak gol penentu sepuluh menit menjelang laga usai.",
          "\"Babak pertama kami terlalu banyak memberi ruang. Saya senang anak-anak mau mendengar dan memperbaiki diri di babak kedua,\" kata pelatih seusai pertandingan.",
          "Kedua tim akan kembali bertemu dalam uji coba kedua pada Senin. Laga itu menjadi bagian dari persiapan menghadapi kualifikasi kejuaraan Asia awal tahun depan.",
      ],
      tags=("Timnas Indonesia", "Sepak Bola"), features=("amp_home",), editor_codes=("rem/fik",)),

    A(7030302, S, "Ganda Putri Indonesia Melaju ke Final Turnamen Bulu Tangkis di Osaka",
      ("Putri Wulandari",), "2026-11-23 15:48",
      [
          "Pasangan ganda putri Indonesia melaju ke final turnamen bulu tangkis di Osaka setelah mengalahkan unggulan kedua dalam pertarungan tiga gim.",
          "Setelah kalah 18-21 pada gim pertama, pasangan tersebut bangkit dan menang 21-17, 21-19. Pertandingan berlangsung hampir 80 menit dengan reli-reli panjang yang menguras tenaga.",
          "\"Kami coba lebih sabar dan tidak terburu-buru menyerang. Di gim ketiga kami sempat tertinggal, tapi kami terus saling menyemangati,\" ujar salah satu pemain dalam wawancara seusai laga.",
          "Di final, mereka akan menghadapi pasangan tuan rumah yang menyingkirkan wakil Korea Selatan. Ini merupakan final ketiga mereka musim ini.",
      ],
      tags=("Bulu Tangkis",), style="detik", features=("simak_video",), editor_codes=("pwu/krs",)),

    A(7030303, S, "Pembalap Muda Asal Sleman Naik Podium di Seri Terakhir Kejuaraan Asia",
      ("Reza Mahendra",), "2026-11-16 17:25",
      [
          "Pembalap muda asal Sleman, Dimas Aditya, finis di posisi ketiga pada seri terakhir kejuaraan balap motor Asia di Sirkuit Sepang, Minggu.",
          "Start dari posisi kedelapan, Dimas menyalip satu per satu lawannya dalam enam putaran pertama. Ia sempat bersaing ketat memperebutkan posisi kedua hingga tikungan terakhir.",
          "Hasil itu membuat Dimas menutup musim di peringkat kelima klasemen akhir, pencapaian terbaik pembalap Indonesia di kelas tersebut dalam lima tahun terakhir.",
          "Timnya berencana mengikutsertakan Dimas dalam kejuaraan Eropa musim depan. Menurut manajer tim, pembicaraan dengan sponsor sedang berlangsung.",
      ],
      tags=("Balap Motor",), style="meta", features=("tracking_home",)),

    A(7030304, S, "Persijaya Jayapura Tahan Imbang Tim Tamu di Stadion Mandala",
      ("Yohanes Wenda",), "2016-10-08 14:54",
      [
          "JAYAPURA, Warta Nusantara - Persijaya Jayapura ditahan imbang 1-1 oleh tim tamu dalam lanjutan kompetisi di Stadion Mandala, Sabtu siang.",
          "Tuan rumah unggul lebih dulu melalui tendangan bebas kapten tim pada menit ke-31. Namun tim tamu mampu menyamakan kedudukan pada menit ke-77 lewat serangan balik cepat.",
          "Ribuan penonton memadati stadion meski cuaca panas. Pelatih Persijaya menyesalkan banyaknya peluang yang terbuang pada babak kedua.",
          "Dengan hasil ini, Persijaya tertahan di peringkat keempat klasemen sementara dan akan bertandang ke Makassar pekan depan.",
      ],
      tags=("Sepak Bola", "Liga Indonesia"), zone="WIT", style="dateline", dateline="hari_eng_bulan"),

    A(7030305, S, "Lifter Putri Pecahkan Rekor Nasional di Kejurnas Angkat Besi",
      ("Putri Wulandari",), "2026-11-09 19:10",
      [
          "Lifter putri asal Kalimantan Timur memecahkan rekor nasional angkatan snatch kelas 59 kilogram dalam kejuaraan nasional angkat besi di Bandung.",
          "Ia berhasil mengangkat beban 98 kilogram pada percobaan ketiga, satu kilogram lebih berat dari rekor sebelumnya yang bertahan selama tujuh tahun.",
          "Pelatih pelatnas yang hadir menyaksikan langsung menyebut penampilan itu sebagai kejutan menyenangkan. Menurutnya, sang lifter berpeluang dipanggil ke pemusatan latihan untuk persiapan kejuaraan Asia.",
          "Kejuaraan nasional tahun ini diikuti 212 atlet dari 28 provinsi. Panitia mencatat empat rekor nasional baru hingga hari kelima.",
          "Pengurus besar angkat besi berharap kompetisi berjenjang di daerah terus digelar agar regenerasi atlet tidak terputus.",
      ],
      tags=("Angkat Besi", "Kejurnas"), features=("malformed",)),

    A(7030306, S, "Maraton Kota Tua Diikuti 15.000 Pelari dari 30 Negara",
      ("Reza Mahendra", "Putri Wulandari"), "2026-10-18 12:40",
      [
          "Sekitar 15.000 pelari dari 30 negara ambil bagian dalam Maraton Kota Tua yang digelar Minggu pagi. Rute lomba melintasi kawasan bersejarah dan pesisir utara kota.",
          "Pelari asal Kenya menjuarai kategori maraton penuh putra dengan catatan waktu 2 jam 14 menit. Di kategori putri, pelari Ethiopia finis terdepan.",
          "Pelari Indonesia terbaik finis di urutan ketujuh kategori putra. Ia mengaku puas karena berhasil memperbaiki catatan waktu pribadinya hampir dua menit.",
          "Panitia menyiapkan 20 pos hidrasi dan tim medis di sepanjang rute. Sebanyak 37 peserta mendapat perawatan ringan akibat kram dan kelelahan.",
          "Pemerintah kota menyebut tingkat hunian hotel di sekitar lokasi penuh selama akhir pekan lomba.",
      ],
      tags=("Lari", "Maraton"), style="meta", features=("baca_juga_div",)),

    A(7030307, S, "Tim Voli Putri Juarai Kejuaraan Antarklub Asia Tenggara",
      ("Putri Wulandari",), "2026-10-05 20:15",
      [
          "Tim voli putri asal Jawa Timur menjuarai kejuaraan antarklub Asia Tenggara setelah mengalahkan juara bertahan asal Thailand dengan skor 3-2.",
          "Pertandingan final berlangsung ketat selama dua setengah jam. Tim Indonesia sempat tertinggal 1-2 sebelum memenangi dua set terakhir.",
          "Pemain tengah tim, Rahmi Oktaviani, dinobatkan sebagai pemain terbaik turnamen berkat blok-bloknya yang mematikan sepanjang kompetisi.",
          "Gelar ini menjadi yang pertama bagi klub Indonesia dalam sebelas tahun. Hadiah yang diterima akan dipakai untuk membangun asrama atlet muda.",
      ],
      tags=("Bola Voli",), editor_codes=("pwu/rem",)),
]
