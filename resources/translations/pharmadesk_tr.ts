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
</TS>