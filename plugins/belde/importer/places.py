"""Place names outside İstanbul's districts, for telling a same-named place elsewhere apart."""

PROVINCES = (
    "Adana Adıyaman Afyonkarahisar Afyon Ağrı Aksaray Amasya Ankara Antalya Ardahan Artvin Aydın "
    "Balıkesir Bartın Batman Bayburt Bilecik Bingöl Bitlis Bolu Burdur Bursa Çanakkale Çankırı Çorum "
    "Denizli Diyarbakır Düzce Edirne Elazığ Erzincan Erzurum Eskişehir Gaziantep Giresun Gümüşhane "
    "Hakkari Hatay Iğdır Isparta İzmir Kahramanmaraş Karabük Karaman Kars Kastamonu Kayseri Kilis "
    "Kırıkkale Kırklareli Kırşehir Kocaeli Konya Kütahya Malatya Manisa Mardin Mersin Muğla Muş "
    "Nevşehir Niğde Ordu Osmaniye Rize Sakarya Samsun Şanlıurfa Siirt Sinop Sivas Şırnak Tekirdağ "
    "Tokat Trabzon Tunceli Uşak Van Yalova Yozgat Zonguldak Çankaya Keçiören Yenimahalle Karşıyaka "
    "Bornova Konak Nilüfer Osmangazi Ortahisar Gebze İzmit"
).split()

COUNTRIES = (
    "Bosna Hersek Saraybosna Almanya Fransa Yunanistan Bulgaristan Azerbaycan Gürcistan İran Irak "
    "Suriye Rusya Ukrayna İngiltere İtalya İspanya Hollanda Belçika Avusturya Macaristan Romanya "
    "Sırbistan Hırvatistan Karadağ Arnavutluk Makedonya Kosova Mısır Libya Tunus Cezayir Fas Kıbrıs "
    "Amerika ABD Kanada Japonya Çin Kore Katar Filistin Gazze Lübnan Ürdün"
).split()
