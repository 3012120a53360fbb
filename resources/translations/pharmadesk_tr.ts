<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name>App</name>
    <message>
        <location filename="../../pharmadesk/ui/app.py" line="68"/>
        <source>The PharmaDesk database in %1 cannot be opened:
%2</source>
        <translation>%1 klasöründeki PharmaDesk veritabanı açılamıyor:
%2</translation>
    </message>
</context>
<context>
    <name>HeaderForm</name>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="154"/>
        <source>Counterparty (GLN or name):</source>
        <translation>Karşı taraf (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="155"/>
        <source>Supplier (GLN or name):</source>
        <translation>Gönderen depo/firma (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="156"/>
        <source>Sale:</source>
        <translation>Satış:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="157"/>
        <source>Reimbursement institution:</source>
        <translation>Geri ödeme kurumu:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="158"/>
        <source>Pharmacy id at the institution:</source>
        <translation>Kurumdaki eczane no (EID):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="159"/>
        <source>Prescription number:</source>
        <translation>Reçete kayıt no (RKN):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="160"/>
        <source>Deactivation reason:</source>
        <translation>Deaktivasyon sebebi:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="161"/>
        <source>Document number:</source>
        <translation>Belge no:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="162"/>
        <source>Document date:</source>
        <translation>Belge tarihi:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="166"/>
        <source>Cash sale</source>
        <translation>Elden satış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="167"/>
        <source>Reimbursement institution (prescription)</source>
        <translation>Geri ödeme kurumu (reçeteli)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="168"/>
        <location filename="../../pharmadesk/ui/header_form.py" line="169"/>
        <source>Type a GLN or part of a name</source>
        <translation>GLN ya da adın bir kısmını yazın</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="170"/>
        <source>Choose a reason</source>
        <translation>Sebep seçin</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="142"/>
        <source>Waiting to be sent: %1</source>
        <translation>Gönderilmeyi bekleyen: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="144"/>
        <source>Need attention: %1</source>
        <translation>İlgilenilmesi gereken: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="149"/>
        <source>PharmaDesk — ITS workstation</source>
        <translation>PharmaDesk — İTS iş istasyonu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="151"/>
        <source>TRAINING (sandbox)</source>
        <translation>EĞİTİM (deneme ortamı)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="157"/>
        <source>Türkçe / English</source>
        <translation>Türkçe / English</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="158"/>
        <source>Switch the interface language</source>
        <translation>Arayüz dilini değiştir</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="159"/>
        <source>Sounds on</source>
        <translation>Sesler açık</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="159"/>
        <source>Sounds off</source>
        <translation>Sesler kapalı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="162"/>
        <source>TRAINING — nothing is sent to the real ITS</source>
        <translation>EĞİTİM — gerçek İTS'e hiçbir şey gönderilmez</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="164"/>
        <source>Station GLN: %1</source>
        <translation>İstasyon GLN: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="164"/>
        <source>not set</source>
        <translation>ayarlanmamış</translation>
    </message>
</context>
<context>
    <name>OperationPage</name>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="200"/>
        <source>Scanned &lt;b&gt;%1&lt;/b&gt; · Pending &lt;b&gt;%2&lt;/b&gt; · Accepted &lt;b&gt;%3&lt;/b&gt; · Rejected &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>Okutulan &lt;b&gt;%1&lt;/b&gt; · Bekleyen &lt;b&gt;%2&lt;/b&gt; · Kabul &lt;b&gt;%3&lt;/b&gt; · Red &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="212"/>
        <source>Notification details</source>
        <translation>Bildirim bilgileri</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="213"/>
        <source>&amp;Karekod:</source>
        <translation>&amp;Karekod:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="214"/>
        <source>Scan a box, or type the karekod and press Enter</source>
        <translation>Kutuyu okutun ya da karekodu yazıp Enter'a basın</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="215"/>
        <source>Send now</source>
        <translation>Şimdi gönder</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="216"/>
        <source>Remove selected</source>
        <translation>Seçileni çıkar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="217"/>
        <source>Take the selected boxes off the queue before they are sent (Delete)</source>
        <translation>Seçili kutuları gönderilmeden kuyruktan çıkarır (Delete)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="220"/>
        <source>Ready to scan</source>
        <translation>Okutmaya hazır</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="221"/>
        <source>Each box you scan appears here and at the top of the table.</source>
        <translation>Okuttuğunuz her kutu burada ve tablonun en üstünde görünür.</translation>
    </message>
</context>
<context>
    <name>ScanTable</name>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="70"/>
        <source>Queued</source>
        <translation>Kuyrukta</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="71"/>
        <source>Sending</source>
        <translation>Gönderiliyor</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="72"/>
        <source>Accepted by ITS</source>
        <translation>İTS kabul etti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="73"/>
        <source>Rejected by ITS</source>
        <translation>İTS reddetti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="74"/>
        <source>Needs attention</source>
        <translation>İlgilenin</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="75"/>
        <source>Removed</source>
        <translation>Çıkarıldı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="76"/>
        <source>Duplicate</source>
        <translation>Mükerrer</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="77"/>
        <source>Expired</source>
        <translation>Miadı geçmiş</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="78"/>
        <source>Unreadable</source>
        <translation>Okunamadı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="79"/>
        <source>Invalid</source>
        <translation>Geçersiz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="80"/>
        <source>Ambiguous</source>
        <translation>Belirsiz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="81"/>
        <source>Not allowed</source>
        <translation>İzin verilmez</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="82"/>
        <source>NOT SAVED</source>
        <translation>KAYDEDİLMEDİ</translation>
    </message>
</context>
<context>
    <name>ScanTableModel</name>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="199"/>
        <source>Time</source>
        <translation>Saat</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="199"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="199"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="199"/>
        <source>Serial</source>
        <translation>Sıra no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="200"/>
        <source>Batch</source>
        <translation>Parti no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="200"/>
        <source>Expiry</source>
        <translation>Son kullanma</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="200"/>
        <source>Days left</source>
        <translation>Kalan gün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="200"/>
        <source>State</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="201"/>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="258"/>
        <source>Saved; waiting to be sent to ITS</source>
        <translation>Kaydedildi; İTS'e gönderilmeyi bekliyor</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../pharmadesk/ui/app.py" line="51"/>
        <source>Training mode</source>
        <translation>Eğitim modu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/app.py" line="52"/>
        <source>The training ITS simulator could not start: %1</source>
        <translation>Eğitim İTS simülatörü başlatılamadı: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="392"/>
        <source>PharmaDesk — first start</source>
        <translation>PharmaDesk — ilk açılış</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="188"/>
        <source>The user name is the GLN followed by 4 digits (ITS 11039).</source>
        <translation>Kullanıcı adı GLN ve ardından 4 rakamdır (İTS 11039).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="196"/>
        <source>Your ITS identity</source>
        <translation>İTS kimliğiniz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="197"/>
        <source>The GLN of this pharmacy, hospital or warehouse and the ITS user name, as on your ITS account.</source>
        <translation>Bu eczanenin, hastanenin ya da deponun GLN'si ve İTS hesabınızdaki kullanıcı adı.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="199"/>
        <source>&amp;GLN (13 digits):</source>
        <translation>&amp;GLN (13 hane):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="201"/>
        <source>ITS &amp;user name:</source>
        <translation>İTS &amp;kullanıcı adı:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="204"/>
        <source>GLN + 4 digits</source>
        <translation>GLN + 4 rakam</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="50"/>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="51"/>
        <source>&amp;Back up the database…</source>
        <translation>Veritabanını &amp;yedekle…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="52"/>
        <source>&amp;Restore from a backup…</source>
        <translation>Yedekten &amp;geri yükle…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="53"/>
        <source>&amp;About PharmaDesk</source>
        <translation>PharmaDesk &amp;Hakkında</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="60"/>
        <source>Back up the database</source>
        <translation>Veritabanını yedekle</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="61"/>
        <source>PharmaDesk backup (*.sqlite)</source>
        <translation>PharmaDesk yedeği (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="66"/>
        <location filename="../../pharmadesk/ui/maintenance.py" line="72"/>
        <source>Restore from a backup</source>
        <translation>Yedekten geri yükle</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="67"/>
        <source>PharmaDesk backup (*.sqlite);;All files (*)</source>
        <translation>PharmaDesk yedeği (*.sqlite);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="70"/>
        <source>Replace the data on this PC with the backup %1?

The current data is saved first in %2.</source>
        <translation>Bu bilgisayardaki veriler %1 yedeğiyle değiştirilsin mi?

Mevcut veriler önce %2 klasörüne kaydedilir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="80"/>
        <source>Backup saved: %1 (%2 boxes)</source>
        <translation>Yedek kaydedildi: %1 (%2 kutu)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="90"/>
        <source>Restored from %1 (%2 boxes)</source>
        <translation>Geri yüklendi: %1 (%2 kutu)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="128"/>
        <source>Version</source>
        <translation>Sürüm</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="129"/>
        <source>Data folder</source>
        <translation>Veri klasörü</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="130"/>
        <source>Logs</source>
        <translation>Günlükler</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="132"/>
        <source>System</source>
        <translation>Sistem</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="135"/>
        <source>Scans karekods, queues ITS notifications on this PC and sends them to ITS.</source>
        <translation>Karekodları okutur, İTS bildirimlerini bu bilgisayarda sıraya koyar ve İTS'ye gönderir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="136"/>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation>GNU Genel Kamu Lisansı sürüm 3 ya da sonrası altında özgür yazılım.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="140"/>
        <source>About PharmaDesk</source>
        <translation>PharmaDesk Hakkında</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="228"/>
        <source>ITS password</source>
        <translation>İTS parolası</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="229"/>
        <source>You can leave it empty to try the training sandbox first.</source>
        <translation>Önce eğitim modunu denemek için boş bırakabilirsiniz.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="230"/>
        <source>ITS &amp;password:</source>
        <translation>İTS &amp;parolası:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="233"/>
        <source>The password is kept in this computer&apos;s password store (Windows Credential Manager, or the Secret Service on Linux). It is never written to the database or the logs.</source>
        <translation>Parola bu bilgisayarın parola kasasında (Windows Kimlik Bilgileri Yöneticisi ya da Linux'ta Secret Service) saklanır. Veritabanına ve günlüklere asla yazılmaz.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="237"/>
        <source>This computer has no password store (keyring), so PharmaDesk cannot keep the password. Give it in the PHARMADESK_ITS_PASSWORD environment variable, or install a password store (e.g. GNOME Keyring) and run: pharmadesk config set-password. The training sandbox needs no password.</source>
        <translation>Bu bilgisayarda parola kasası (keyring) yok, bu yüzden PharmaDesk parolayı saklayamaz. Parolayı PHARMADESK_ITS_PASSWORD ortam değişkeniyle verin ya da bir parola kasası kurup (ör. GNOME Keyring) şunu çalıştırın: pharmadesk config set-password. Eğitim modu parola istemez.</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="283"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="283"/>
        <source>Serial number (SN)</source>
        <translation>Sıra numarası (SN)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="284"/>
        <source>Batch (BN)</source>
        <translation>Parti numarası (BN)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="285"/>
        <source>Expiry date</source>
        <translation>Son kullanma tarihi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="288"/>
        <source>The scanner works.</source>
        <translation>Okuyucu çalışıyor.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="292"/>
        <source>Scanner test</source>
        <translation>Okuyucu testi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="293"/>
        <source>Scan the karekod of any medicine box. Nothing is saved or sent.</source>
        <translation>Herhangi bir ilaç kutusunun karekodunu okutun. Hiçbir şey kaydedilmez ya da gönderilmez.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="294"/>
        <source>Click in the field and scan (or type the karekod and press Enter).</source>
        <translation>Alana tıklayıp okutun (ya da karekodu yazıp Enter'a basın).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="295"/>
        <source>Karekod</source>
        <translation>Karekod</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="351"/>
        <source>How do you want to start?</source>
        <translation>Nasıl başlamak istersiniz?</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="352"/>
        <source>Your answers are saved either way.</source>
        <translation>Yanıtlarınız her iki durumda da kaydedilir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="353"/>
        <source>Try the training sandbox first</source>
        <translation>Önce eğitim modunu deneyin</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="355"/>
        <source>A built-in ITS simulator with demo boxes: nothing is sent to the real ITS. Safe for learning and for training a new colleague. Later, open PharmaDesk (Training) from the Start menu.</source>
        <translation>Örnek kutularla yerleşik bir İTS simülatörü: gerçek İTS'ye hiçbir şey gönderilmez. Öğrenmek ve yeni bir çalışma arkadaşını eğitmek için güvenlidir. Daha sonra Başlat menüsünden PharmaDesk (Eğitim) ile açın.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="357"/>
        <source>Connect to ITS now</source>
        <translation>Şimdi İTS'ye bağlan</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="359"/>
        <source>Scans are queued on this PC and sent to ITS with your user name and password.</source>
        <translation>Okutmalar bu bilgisayarda sıraya alınır ve kullanıcı adınız ve parolanızla İTS'ye gönderilir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="360"/>
        <source>ITS &amp;address:</source>
        <translation>İTS &amp;adresi:</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="123"/>
        <source>Welcome to PharmaDesk</source>
        <translation>PharmaDesk'e hoş geldiniz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="124"/>
        <source>A few questions and this PC is ready to scan. You can change every answer later in Settings.</source>
        <translation>Birkaç soru ve bu bilgisayar okutmaya hazır. Her yanıtı daha sonra Ayarlar'dan değiştirebilirsiniz.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="126"/>
        <source>Language / Dil:</source>
        <translation>Dil / Language:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="127"/>
        <source>What is this station?</source>
        <translation>Bu istasyon nedir?</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="128"/>
        <source>Pharmacy</source>
        <translation>Eczane</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="129"/>
        <source>Hospital pharmacy</source>
        <translation>Hastane eczanesi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="130"/>
        <source>Drug warehouse</source>
        <translation>Ecza deposu</translation>
    </message>
</context>
</TS>