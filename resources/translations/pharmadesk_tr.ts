<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name>App</name>
    <message>
        <location filename="../../pharmadesk/ui/app.py" line="78"/>
        <source>The PharmaDesk database in %1 cannot be opened:
%2</source>
        <translation>%1 klasöründeki PharmaDesk veritabanı açılamıyor:
%2</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="63"/>
        <source>Folder of images to scan</source>
        <translation>Okutulacak resim klasörü</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="136"/>
        <source>The camera cannot be opened: %1</source>
        <translation>Kamera açılamıyor: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="137"/>
        <source>Scanning from %1 — hold a box&apos;s karekod in view.</source>
        <translation>%1 kaynağından okunuyor — kutunun karekodunu kameraya gösterin.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="138"/>
        <source>Camera stopped.</source>
        <translation>Kamera durduruldu.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="128"/>
        <source>Image folder…</source>
        <translation>Resim klasörü…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="129"/>
        <source>Camera number (0, 1, …), a video file or a folder of images</source>
        <translation>Kamera numarası (0, 1, …), bir video dosyası ya da resim klasörü</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="130"/>
        <source>Stop camera</source>
        <translation>Kamerayı durdur</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="130"/>
        <source>Start camera</source>
        <translation>Kamerayı başlat</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="132"/>
        <source>No picture: press Start camera</source>
        <translation>Görüntü yok: Kamerayı başlat düğmesine basın</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/camera_panel.py" line="135"/>
        <source>Each karekod that comes into view is scanned once.</source>
        <translation>Görüntüye giren her karekod bir kez okunur.</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="120"/>
        <source>Finding</source>
        <translation>Bulgu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="120"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="120"/>
        <source>Serial</source>
        <translation>Seri no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="120"/>
        <source>Lot</source>
        <translation>Parti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="121"/>
        <source>Expiry</source>
        <translation>SKT</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="121"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="121"/>
        <source>What ITS says</source>
        <translation>ITS ne diyor</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="121"/>
        <source>Allowed</source>
        <translation>İzin verilen</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="125"/>
        <source>Check the stock with ITS</source>
        <translation>Stoku ITS ile kontrol et</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="127"/>
        <source>Cancel</source>
        <translation>Vazgeç</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="139"/>
        <source>Asking ITS about %1 boxes…</source>
        <translation>ITS&apos;e %1 kutu soruluyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="143"/>
        <source>A sync is running; the boxes are queued and are asked with it.</source>
        <translation>Bir gönderim sürüyor; kutular kuyruğa alındı, onunla birlikte sorulacak.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="166"/>
        <source>Recalled</source>
        <translation>Geri çekilmiş</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="166"/>
        <source>Not ours</source>
        <translation>Bizim değil</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="166"/>
        <source>Already sold</source>
        <translation>Satılmış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="167"/>
        <source>Expired</source>
        <translation>Miadı geçmiş</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="167"/>
        <source>Not sellable</source>
        <translation>Satılamaz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="168"/>
        <source>Not asked</source>
        <translation>Sorulamadı</translation>
    </message>
</context>
<context>
    <name>CodeRefresh</name>
    <message>
        <location filename="../../pharmadesk/ui/code_refresh.py" line="56"/>
        <source>Asking ITS for its code list…</source>
        <translation>ITS&apos;ten kod listesi isteniyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/code_refresh.py" line="73"/>
        <source>&amp;Refresh code texts from ITS</source>
        <translation>Kod metinlerini ITS&apos;ten &amp;yenile</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/code_refresh.py" line="80"/>
        <source>ITS&apos;s texts from %1 are in use.</source>
        <translation>ITS&apos;in %1 tarihli metinleri kullanılıyor.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/code_refresh.py" line="82"/>
        <source>PharmaDesk&apos;s own texts are in use (never refreshed from ITS).</source>
        <translation>PharmaDesk&apos;in kendi metinleri kullanılıyor (ITS&apos;ten hiç yenilenmedi).</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="587"/>
        <source>ITS: checking…</source>
        <translation>İTS: bakılıyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="589"/>
        <source>ITS: online</source>
        <translation>İTS: bağlı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="591"/>
        <source>ITS: answering with errors (%1)</source>
        <translation>İTS: hatalı yanıt veriyor (%1)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="593"/>
        <source>ITS: not reachable — scans are kept</source>
        <translation>İTS: ulaşılamıyor — okutulanlar saklanıyor</translation>
    </message>
</context>
<context>
    <name>CorrectAndResendDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/stopped.py" line="49"/>
        <source>Correct and send again: %1 #%2</source>
        <translation>Düzelt ve yeniden gönder: %1 #%2</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stopped.py" line="54"/>
        <source>ITS refused this notification as a whole (%1 boxes): %2 %3
Correct its details and send it again, or close this and remove its boxes.</source>
        <translation>ITS bu bildirimi bütünüyle reddetti (%1 kutu): %2 %3
Bilgilerini düzeltip yeniden gönderin ya da bunu kapatıp kutularını kaldırın.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stopped.py" line="57"/>
        <source>Send again</source>
        <translation>Yeniden gönder</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stopped.py" line="58"/>
        <source>Cancel</source>
        <translation>Vazgeç</translation>
    </message>
</context>
<context>
    <name>CountDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="39"/>
        <source>Stock count</source>
        <translation>Sayım</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="41"/>
        <source>&amp;Scan a box:</source>
        <translation>&amp;Kutu okutun:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="49"/>
        <source>Compare with stock (Ctrl+M)</source>
        <translation>Stokla karşılaştır (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="52"/>
        <source>Save as CSV (Ctrl+S)</source>
        <translation>CSV olarak kaydet (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="55"/>
        <source>Save as PDF (Ctrl+P)</source>
        <translation>PDF olarak kaydet (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="58"/>
        <source>Finish the count</source>
        <translation>Sayımı bitir</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="60"/>
        <source>Close (continue later)</source>
        <translation>Kapat (sonra devam et)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="85"/>
        <source>Finding</source>
        <translation>Bulgu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="85"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="85"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="85"/>
        <source>Serial</source>
        <translation>Seri no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="85"/>
        <source>Lot</source>
        <translation>Parti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="86"/>
        <source>Expiry</source>
        <translation>SKT</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="86"/>
        <source>What it means</source>
        <translation>Anlamı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="90"/>
        <source>Count #%1, started %2: %3 boxes counted</source>
        <translation>Sayım #%1, başlangıç %2: %3 kutu sayıldı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="106"/>
        <source>Already counted.</source>
        <translation>Zaten sayıldı.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="124"/>
        <source>In stock</source>
        <translation>Stokta</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="124"/>
        <source>Unexpected</source>
        <translation>Beklenmeyen</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="124"/>
        <source>ITS says it left</source>
        <translation>ITS&apos;e göre çıkmış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="125"/>
        <source>Expiry differs</source>
        <translation>SKT farklı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="125"/>
        <source>Missing</source>
        <translation>Eksik</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="139"/>
        <source>In stock, but not found on the shelf.</source>
        <translation>Stokta görünüyor ama rafta bulunamadı.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="148"/>
        <source>%1 counted, %2 match the stock; missing %3, unexpected %4, ITS says left %5, expiry differs %6</source>
        <translation>%1 sayıldı, %2 stokla uyuşuyor; eksik %3, beklenmeyen %4, ITS&apos;e göre çıkmış %5, SKT farklı %6</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="164"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV dosyaları (*.csv)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="164"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF dosyaları (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_count.py" line="165"/>
        <source>Save the count</source>
        <translation>Sayımı kaydet</translation>
    </message>
</context>
<context>
    <name>DatabaseIndicator</name>
    <message>
        <location filename="../../pharmadesk/ui/live_view.py" line="42"/>
        <source>Database server: checking…</source>
        <translation>Veritabanı sunucusu: bakılıyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/live_view.py" line="45"/>
        <source>Database server: connected</source>
        <translation>Veritabanı sunucusu: bağlı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/live_view.py" line="46"/>
        <source>The stations share the database at %1.</source>
        <translation>İstasyonlar %1 adresindeki veritabanını paylaşıyor.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/live_view.py" line="48"/>
        <source>Database server: not reachable — scans are refused</source>
        <translation>Veritabanı sunucusu: ulaşılamıyor — okutma kaydedilmiyor</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/live_view.py" line="49"/>
        <source>The database server at %1 does not answer. Scans are not saved until it is back; everything saved on it is safe. Tell your IT person.</source>
        <translation>%1 adresindeki veritabanı sunucusu yanıt vermiyor. Sunucu gelene kadar okutmalar kaydedilmez; sunucuya kaydedilmiş olanlar güvende. Bilgi işleme haber verin.</translation>
    </message>
</context>
<context>
    <name>DemoScannerPanel</name>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="130"/>
        <source>ready</source>
        <translation>hazır</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="130"/>
        <source>EXPIRED</source>
        <translation>MİADI GEÇMİŞ</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="130"/>
        <source>RECALLED</source>
        <translation>GERİ ÇEKİLMİŞ</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="131"/>
        <source>another pharmacy&apos;s box</source>
        <translation>başka eczanenin kutusu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="131"/>
        <source>damaged karekod</source>
        <translation>bozuk karekod</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="141"/>
        <source>try: %1</source>
        <translation>deneyin: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="155"/>
        <source>Training boxes: the simulator shipped these to your station. Pick one and press Enter to scan it on the current page.</source>
        <translation>Eğitim kutuları: simülatör bunları istasyonunuza gönderdi. Birini seçip Enter’a basın; açık sayfada okutulur.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="157"/>
        <source>Scan selected box</source>
        <translation>Seçili kutuyu okut</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="158"/>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="163"/>
        <source>Starting the training ITS…</source>
        <translation>Eğitim İTS’i başlatılıyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sandbox.py" line="132"/>
        <source>carrier label (SSCC)</source>
        <translation>taşıyıcı etiketi (SSCC)</translation>
    </message>
</context>
<context>
    <name>DiscrepancyDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="378"/>
        <source>Discrepancies</source>
        <translation>Uyuşmazlıklar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="381"/>
        <source>Expected, not scanned (%1)</source>
        <translation>Beklenen, okutulmayan (%1)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="382"/>
        <source>Scanned, not in the package (%1)</source>
        <translation>Okutulan, pakette olmayan (%1)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="383"/>
        <source>Set aside as damaged (%1)</source>
        <translation>Hasarlı olarak ayrılan (%1)</translation>
    </message>
</context>
<context>
    <name>ExpectedShipmentsPanel</name>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="178"/>
        <source>Set this station&apos;s GLN and ITS account in Settings to fetch packages.</source>
        <translation>Paketleri almak için Ayarlar&apos;da bu istasyonun GLN&apos;sini ve ITS hesabını girin.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="183"/>
        <source>Fetching expected shipments from ITS…</source>
        <translation>Beklenen sevkiyatlar ITS&apos;ten alınıyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="215"/>
        <source>Document %1</source>
        <translation>Belge %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="218"/>
        <source>Scan a carrier label (SSCC) to tick every box inside it, or scan boxes one by one.</source>
        <translation>İçindeki bütün kutuları işaretlemek için taşıyıcı etiketini (SSCC) okutun ya da kutuları tek tek okutun.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="271"/>
        <source>Scanned &lt;b&gt;%1&lt;/b&gt; / %2 · Queued &lt;b&gt;%3&lt;/b&gt; · Damaged %4</source>
        <translation>Okutulan &lt;b&gt;%1&lt;/b&gt; / %2 · Kuyrukta &lt;b&gt;%3&lt;/b&gt; · Hasarlı %4</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="356"/>
        <source>Fetch from ITS (F5)</source>
        <translation>ITS&apos;ten al (F5)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="357"/>
        <source>Open</source>
        <translation>Aç</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="358"/>
        <source>← Expected shipments</source>
        <translation>← Beklenen sevkiyatlar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="359"/>
        <source>Carrier (SSCC)</source>
        <translation>Taşıyıcı (SSCC)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="359"/>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="359"/>
        <source>Scanned</source>
        <translation>Okutulan</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="360"/>
        <source>Accept all</source>
        <translation>Tümünü kabul et</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="361"/>
        <source>Queue Mal Alım for every box of the package, with its sender and document</source>
        <translation>Paketteki bütün kutular için gönderen ve belgesiyle Mal Alım kuyruğa alınır</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="363"/>
        <source>Accept chosen carriers</source>
        <translation>Seçili taşıyıcıları kabul et</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="364"/>
        <source>Set aside as damaged</source>
        <translation>Hasarlı olarak ayır</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="365"/>
        <source>Discrepancies</source>
        <translation>Uyuşmazlıklar</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="399"/>
        <source>PharmaDesk — first start</source>
        <translation>PharmaDesk — ilk açılış</translation>
    </message>
</context>
<context>
    <name>HeaderForm</name>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="218"/>
        <source>Counterparty (GLN or name):</source>
        <translation>Karşı taraf (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="212"/>
        <source>Supplier (GLN or name):</source>
        <translation>Gönderen depo/firma (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="213"/>
        <source>Return to (GLN or name):</source>
        <translation>İade edilen (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="214"/>
        <source>Customer (GLN or name):</source>
        <translation>Alıcı (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="215"/>
        <source>Customer of the sale (GLN or name):</source>
        <translation>Satışın alıcısı (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="216"/>
        <source>Transfer to (GLN or name):</source>
        <translation>Devredilen (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="217"/>
        <source>Transferred to (GLN or name):</source>
        <translation>Devredilmiş olan (GLN ya da ad):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="221"/>
        <source>Sale:</source>
        <translation>Satış:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="222"/>
        <source>Reimbursement institution:</source>
        <translation>Geri ödeme kurumu:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="223"/>
        <source>Pharmacy id at the institution:</source>
        <translation>Kurumdaki eczane no (EID):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="224"/>
        <source>Prescription number:</source>
        <translation>Reçete kayıt no (RKN):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="225"/>
        <source>Patient&apos;s T.C. identity no:</source>
        <translation>Hastanın T.C. kimlik no:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="226"/>
        <source>Doctor&apos;s T.C. identity no:</source>
        <translation>Doktorun T.C. kimlik no:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="227"/>
        <source>Deactivation reason:</source>
        <translation>Deaktivasyon sebebi:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="228"/>
        <source>Export information (RT):</source>
        <translation>İhracat bilgisi (RT):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="229"/>
        <source>Document number:</source>
        <translation>Belge no:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="230"/>
        <source>Document date:</source>
        <translation>Belge tarihi:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="234"/>
        <source>Cash sale</source>
        <translation>Elden satış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="235"/>
        <source>Reimbursement institution (prescription)</source>
        <translation>Geri ödeme kurumu (reçeteli)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="237"/>
        <source>Leave empty for a cash sale, or type the customer&apos;s GLN or name</source>
        <translation>Elden satışta boş bırakın; değilse müşterinin GLN&apos;si ya da adı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="238"/>
        <location filename="../../pharmadesk/ui/header_form.py" line="239"/>
        <source>Type a GLN or part of a name</source>
        <translation>GLN ya da adın bir kısmını yazın</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="240"/>
        <source>11 digits</source>
        <translation>11 hane</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="241"/>
        <source>11 digits, optional</source>
        <translation>11 hane, isteğe bağlı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="242"/>
        <source>Choose a reason</source>
        <translation>Sebep seçin</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="243"/>
        <source>removed from the system</source>
        <translation>sistemden çıkarma</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="243"/>
        <source>production waste</source>
        <translation>üretim firesi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="244"/>
        <source>destroyed after a recall</source>
        <translation>geri çekme sebebiyle imha</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="244"/>
        <source>destroyed: expired</source>
        <translation>miat sebebiyle imha</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="245"/>
        <source>revision</source>
        <translation>revizyon</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/header_form.py" line="245"/>
        <source>stock balancing</source>
        <translation>stok eşitleme</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="191"/>
        <source>The user name is the GLN followed by 4 digits (ITS 11039).</source>
        <translation>Kullanıcı adı GLN ve ardından 4 rakamdır (İTS 11039).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="199"/>
        <source>Your ITS identity</source>
        <translation>İTS kimliğiniz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="200"/>
        <source>The GLN of this pharmacy, hospital or warehouse and the ITS user name, as on your ITS account.</source>
        <translation>Bu eczanenin, hastanenin ya da deponun GLN&apos;si ve İTS hesabınızdaki kullanıcı adı.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="202"/>
        <source>&amp;GLN (13 digits):</source>
        <translation>&amp;GLN (13 hane):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="204"/>
        <source>ITS &amp;user name:</source>
        <translation>İTS &amp;kullanıcı adı:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="207"/>
        <source>GLN + 4 digits</source>
        <translation>GLN + 4 rakam</translation>
    </message>
</context>
<context>
    <name>LotDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="91"/>
        <source>Where</source>
        <translation>Nerede</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="91"/>
        <source>Serial</source>
        <translation>Seri no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="91"/>
        <source>Expiry</source>
        <translation>SKT</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="91"/>
        <source>Last movement</source>
        <translation>Son hareket</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="92"/>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="92"/>
        <source>Counterparty</source>
        <translation>Karşı taraf</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="92"/>
        <source>Document</source>
        <translation>Belge</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="95"/>
        <source>Lot lookup</source>
        <translation>Parti sorgula</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="97"/>
        <source>Lot %1 of %2: %3 boxes here, %4 gone</source>
        <translation>%2 ürününün %1 partisi: %3 kutu burada, %4 kutu çıkmış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="101"/>
        <source>On the shelf</source>
        <translation>Rafta</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="101"/>
        <source>Gone</source>
        <translation>Çıkmış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="110"/>
        <source>Opening stock (verified)</source>
        <translation>Açılış stoku (doğrulama)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="396"/>
        <source>Serial scanner connected (%1)</source>
        <translation>Seri port okuyucu bağlandı (%1)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="397"/>
        <source>Serial scanner not found on %1; retrying…</source>
        <translation>%1 üzerinde seri port okuyucu bulunamadı; yeniden deneniyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="398"/>
        <source>Serial scanner stopped (%1)</source>
        <translation>Seri port okuyucu durdu (%1)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="438"/>
        <source>Sending: trying again in %1 s (try %2 of %3)</source>
        <translation>Gönderim: %1 sn sonra yeniden denenecek (%2/%3. deneme)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="556"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="556"/>
        <source>Scan field: submit a typed karekod · lists: choose</source>
        <translation>Karekod alanı: yazılan karekodu gönderir · listeler: seçer</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="557"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="557"/>
        <source>Clear the scan field · stop a running sync</source>
        <translation>Karekod alanını temizler · süren gönderimi durdurur</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="558"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="558"/>
        <source>Scan table: take the selected boxes off the queue</source>
        <translation>Tablo: seçili kutuları kuyruktan çıkarır</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="560"/>
        <source>Alt + underlined letter</source>
        <translation>Alt + altı çizili harf</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="560"/>
        <source>Jump to that field</source>
        <translation>O alana gider</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="585"/>
        <source>Waiting to be sent: %1</source>
        <translation>Gönderilmeyi bekleyen: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="587"/>
        <source>Need attention: %1</source>
        <translation>İlgilenilmesi gereken: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="590"/>
        <source>auto-sync every %1 min</source>
        <translation>her %1 dakikada otomatik gönderim</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="596"/>
        <source>PharmaDesk — ITS workstation</source>
        <translation>PharmaDesk — İTS iş istasyonu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="598"/>
        <source>TRAINING (sandbox)</source>
        <translation>EĞİTİM (deneme ortamı)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="608"/>
        <source>&amp;Pages</source>
        <translation>&amp;Sayfalar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="609"/>
        <source>&amp;Actions</source>
        <translation>&amp;İşlemler</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="610"/>
        <source>&amp;Tools</source>
        <translation>&amp;Araçlar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="611"/>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="612"/>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="613"/>
        <source>Send to ITS (F9)</source>
        <translation>İTS’e gönder (F9)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="614"/>
        <source>Send every queued box to ITS now</source>
        <translation>Kuyruktaki tüm kutuları şimdi İTS’e gönder</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="615"/>
        <source>Cancel sending</source>
        <translation>Gönderimi durdur</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="616"/>
        <source>Go to the scan field</source>
        <translation>Karekod alanına git</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="617"/>
        <source>Remove the selected boxes (Delete)</source>
        <translation>Seçili kutuları çıkar (Delete)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="618"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="619"/>
        <source>Camera (F10)</source>
        <translation>Kamera (F10)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="621"/>
        <source>Demo scanner</source>
        <translation>Eğitim okuyucusu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="622"/>
        <source>Demo scanner (F11)</source>
        <translation>Eğitim okuyucusu (F11)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="625"/>
        <source>Shortcuts (F12)</source>
        <translation>Kısayollar (F12)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="626"/>
        <source>Türkçe / English</source>
        <translation>Türkçe / English</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="627"/>
        <source>Switch the interface language</source>
        <translation>Arayüz dilini değiştir</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="628"/>
        <source>Sounds on</source>
        <translation>Sesler açık</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="628"/>
        <source>Sounds off</source>
        <translation>Sesler kapalı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="634"/>
        <source>TRAINING — nothing is sent to the real ITS</source>
        <translation>EĞİTİM — gerçek İTS&apos;e hiçbir şey gönderilmez</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="636"/>
        <source>Station GLN: %1</source>
        <translation>İstasyon GLN: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="636"/>
        <source>not set</source>
        <translation>ayarlanmamış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="559"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="559"/>
        <source>Receive page, expected shipments tab: fetch the packages from ITS</source>
        <translation>Mal Alım sayfası, beklenen sevkiyatlar sekmesi: paketleri ITS&apos;ten al</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="58"/>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="59"/>
        <source>&amp;Back up the database…</source>
        <translation>Veritabanını &amp;yedekle…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="60"/>
        <source>&amp;Restore from a backup…</source>
        <translation>Yedekten &amp;geri yükle…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="61"/>
        <source>&amp;Quit</source>
        <translation>Çı&amp;kış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="62"/>
        <source>&amp;About PharmaDesk</source>
        <translation>PharmaDesk &amp;Hakkında</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="69"/>
        <source>Back up the database</source>
        <translation>Veritabanını yedekle</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="70"/>
        <source>PharmaDesk backup (*.sqlite)</source>
        <translation>PharmaDesk yedeği (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="75"/>
        <location filename="../../pharmadesk/ui/maintenance.py" line="81"/>
        <source>Restore from a backup</source>
        <translation>Yedekten geri yükle</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="76"/>
        <source>PharmaDesk backup (*.sqlite);;All files (*)</source>
        <translation>PharmaDesk yedeği (*.sqlite);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="79"/>
        <source>Replace the data on this PC with the backup %1?

The current data is saved first in %2.</source>
        <translation>Bu bilgisayardaki veriler %1 yedeğiyle değiştirilsin mi?

Mevcut veriler önce %2 klasörüne kaydedilir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="89"/>
        <source>Backup saved: %1 (%2 boxes)</source>
        <translation>Yedek kaydedildi: %1 (%2 kutu)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="99"/>
        <source>Restored from %1 (%2 boxes)</source>
        <translation>Geri yüklendi: %1 (%2 kutu)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="137"/>
        <source>Version</source>
        <translation>Sürüm</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="138"/>
        <source>Data folder</source>
        <translation>Veri klasörü</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="139"/>
        <source>Logs</source>
        <translation>Günlükler</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="141"/>
        <source>System</source>
        <translation>Sistem</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="144"/>
        <source>Scans karekods, queues ITS notifications on this PC and sends them to ITS.</source>
        <translation>Karekodları okutur, İTS bildirimlerini bu bilgisayarda sıraya koyar ve İTS&apos;ye gönderir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="145"/>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation>GNU Genel Kamu Lisansı sürüm 3 ya da sonrası altında özgür yazılım.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/maintenance.py" line="149"/>
        <source>About PharmaDesk</source>
        <translation>PharmaDesk Hakkında</translation>
    </message>
</context>
<context>
    <name>MessageLog</name>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="205"/>
        <location filename="../../pharmadesk/ui/message_log.py" line="334"/>
        <source>All services</source>
        <translation>Tüm servisler</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="216"/>
        <source>%1 of %2 exchanges shown · %3 failed</source>
        <translation>%2 kayıttan %1 tanesi gösteriliyor · %3 başarısız</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="264"/>
        <source>Select an exchange to read its request and response.</source>
        <translation>İsteğini ve yanıtını okumak için bir kayıt seçin.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="289"/>
        <source>Address: %1</source>
        <translation>Adres: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="290"/>
        <source>HTTP %1 · %2 ms · request id %3</source>
        <translation>HTTP %1 · %2 ms · istek no %3</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="295"/>
        <source>ITS notification ID: %1</source>
        <translation>İTS bildirim ID: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="298"/>
        <source>Guessed names: no public source shows this service&apos;s address and SOAP action; they are derived by analogy. pharmadesk doctor --its-check checks them.</source>
        <translation>Tahmin edilen adlar: bu servisin adresini ve SOAP eylemini gösteren açık bir kaynak yok; benzetmeyle türetildiler. pharmadesk doctor --its-check bunları dener.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="303"/>
        <source>Error: %1</source>
        <translation>Hata: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="310"/>
        <location filename="../../pharmadesk/ui/message_log.py" line="341"/>
        <source>Request</source>
        <translation>İstek</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="310"/>
        <location filename="../../pharmadesk/ui/message_log.py" line="342"/>
        <source>Response</source>
        <translation>Yanıt</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="367"/>
        <source>&amp;Message log</source>
        <translation>&amp;Mesaj kaydı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="368"/>
        <source>Every exchange with ITS, with its request and response</source>
        <translation>İTS ile her alışveriş, isteği ve yanıtıyla</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="84"/>
        <source>Successful</source>
        <translation>Başarılı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="86"/>
        <source>Failed: SOAP fault</source>
        <translation>Başarısız: SOAP hatası</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="87"/>
        <source>Failed: HTTP or connection error</source>
        <translation>Başarısız: HTTP ya da bağlantı hatası</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="150"/>
        <source>Time</source>
        <translation>Zaman</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="150"/>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="151"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="151"/>
        <source>Operation</source>
        <translation>İşlem</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="152"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="152"/>
        <source>Duration</source>
        <translation>Süre</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="153"/>
        <source>Notification ID</source>
        <translation>Bildirim ID</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="153"/>
        <source>Error</source>
        <translation>Hata</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log_model.py" line="270"/>
        <source>The full XML of this exchange was removed after the days the message log keeps it (Settings: message_log.keep_days); its summary above stays.</source>
        <translation>Bu kaydın tam XML metni, ileti kaydının sakladığı gün sayısı dolunca silindi (ayar: message_log.keep_days); yukarıdaki özeti kalır.</translation>
    </message>
</context>
<context>
    <name>MessageLogDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="328"/>
        <source>ITS message log</source>
        <translation>İTS mesaj kaydı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="329"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;Sonuç:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="330"/>
        <source>All</source>
        <translation>Tümü</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="330"/>
        <source>Successful</source>
        <translation>Başarılı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="330"/>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="332"/>
        <source>&amp;Service:</source>
        <translation>Se&amp;rvis:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="335"/>
        <source>&amp;From:</source>
        <translation>&amp;Başlangıç:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="336"/>
        <source>&amp;To:</source>
        <translation>Bi&amp;tiş:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="337"/>
        <source>Reset filters</source>
        <translation>Filtreleri sıfırla</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="338"/>
        <source>Refresh (F5)</source>
        <translation>Yenile (F5)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="343"/>
        <source>Copy this text</source>
        <translation>Bu metni kopyala</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/message_log.py" line="344"/>
        <source>Copy exchange (Ctrl+C)</source>
        <translation>Kaydı kopyala (Ctrl+C)</translation>
    </message>
</context>
<context>
    <name>OperationPage</name>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="399"/>
        <source>Scanned &lt;b&gt;%1&lt;/b&gt; · Pending &lt;b&gt;%2&lt;/b&gt; · Accepted &lt;b&gt;%3&lt;/b&gt; · Rejected &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>Okutulan &lt;b&gt;%1&lt;/b&gt; · Bekleyen &lt;b&gt;%2&lt;/b&gt; · Kabul &lt;b&gt;%3&lt;/b&gt; · Red &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="403"/>
        <source>Need attention &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Kontrol bekleyen &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="417"/>
        <source>Notification details</source>
        <translation>Bildirim bilgileri</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="418"/>
        <source>&amp;Karekod:</source>
        <translation>&amp;Karekod:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="419"/>
        <source>Scan a box, or type the karekod and press Enter</source>
        <translation>Kutuyu okutun ya da karekodu yazıp Enter&apos;a basın</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="420"/>
        <source>Send now</source>
        <translation>Şimdi gönder</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="421"/>
        <source>Remove selected</source>
        <translation>Seçileni çıkar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="428"/>
        <source>Take the selected boxes off the queue before they are sent (Delete)</source>
        <translation>Seçili kutuları gönderilmeden kuyruktan çıkarır (Delete)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="429"/>
        <source>Send every queued box to ITS now (F9)</source>
        <translation>Kuyruktaki tüm kutuları şimdi İTS’e gönder (F9)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="434"/>
        <source>Ready to scan</source>
        <translation>Okutmaya hazır</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="435"/>
        <source>Each box you scan appears here and at the top of the table.</source>
        <translation>Okuttuğunuz her kutu burada ve tablonun en üstünde görünür.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="422"/>
        <source>Correct and send again…</source>
        <translation>Düzelt ve yeniden gönder…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="423"/>
        <source>ITS refused a notification of this page as a whole: correct its details and send it again</source>
        <translation>ITS bu sayfanın bir bildirimini bütünüyle reddetti: bilgilerini düzeltip yeniden gönderin</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="425"/>
        <source>Replace it</source>
        <translation>Yerine koy</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="426"/>
        <source>Queue this scan in place of the stopped box, with the details above</source>
        <translation>Bu okutmayı, yukarıdaki bilgilerle, durdurulan kutunun yerine kuyruğa al</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="405"/>
        <source>Waiting for details &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Bilgi bekleyen &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/operation_page.py" line="257"/>
        <source>%1 boxes scanned before the details were complete are queued now.</source>
        <translation>Bilgiler tamamlanmadan okutulan %1 kutu şimdi kuyruğa alındı.</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="231"/>
        <source>ITS password</source>
        <translation>İTS parolası</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="232"/>
        <source>You can leave it empty to try the training sandbox first.</source>
        <translation>Önce eğitim modunu denemek için boş bırakabilirsiniz.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="233"/>
        <source>ITS &amp;password:</source>
        <translation>İTS &amp;parolası:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="236"/>
        <source>The password is kept in this computer&apos;s password store (Windows Credential Manager, or the Secret Service on Linux). It is never written to the database or the logs.</source>
        <translation>Parola bu bilgisayarın parola kasasında (Windows Kimlik Bilgileri Yöneticisi ya da Linux&apos;ta Secret Service) saklanır. Veritabanına ve günlüklere asla yazılmaz.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="240"/>
        <source>This computer has no password store (keyring), so PharmaDesk cannot keep the password. Give it in the PHARMADESK_ITS_PASSWORD environment variable, or install a password store (e.g. GNOME Keyring) and run: pharmadesk config set-password. The training sandbox needs no password.</source>
        <translation>Bu bilgisayarda parola kasası (keyring) yok, bu yüzden PharmaDesk parolayı saklayamaz. Parolayı PHARMADESK_ITS_PASSWORD ortam değişkeniyle verin ya da bir parola kasası kurup (ör. GNOME Keyring) şunu çalıştırın: pharmadesk config set-password. Eğitim modu parola istemez.</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="470"/>
        <source>Scanned boxes</source>
        <translation>Okutulan kutular</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_page.py" line="471"/>
        <source>Expected shipments</source>
        <translation>Beklenen sevkiyatlar</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="162"/>
        <source>Boxes that need you: %1</source>
        <translation>İlgilenmeniz gereken kutular: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="168"/>
        <source>The report could not be made: %1</source>
        <translation>Rapor hazırlanamadı: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="179"/>
        <source>Saved %1 boxes to %2</source>
        <translation>%1 kutu kaydedildi: %2</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="186"/>
        <source>Saved the report to %1</source>
        <translation>Rapor kaydedildi: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="189"/>
        <source>Saving…</source>
        <translation>Kaydediliyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="200"/>
        <source>Could not save: %1</source>
        <translation>Kaydedilemedi: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="246"/>
        <source>&amp;End-of-day report</source>
        <translation>&amp;Gün sonu raporu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="247"/>
        <source>The day per operation: accepted, rejected, not sent; CSV or PDF</source>
        <translation>Günün işlemleri: kabul, ret, gönderilmeyen; CSV ya da PDF</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="41"/>
        <source>Accepted</source>
        <translation>Kabul edildi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="42"/>
        <source>Rejected</source>
        <translation>Reddedildi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="43"/>
        <source>Needs attention</source>
        <translation>Kontrol gerekiyor</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="44"/>
        <source>Not sent yet</source>
        <translation>Henüz gönderilmedi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="56"/>
        <source>Waiting for the next sync.</source>
        <translation>Bir sonraki gönderimi bekliyor.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="58"/>
        <source>The last sync did not get an answer from ITS; it is sent again at the next sync.</source>
        <translation>Son gönderimde İTS&apos;ten yanıt alınamadı; bir sonraki gönderimde yeniden gönderilecek.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="205"/>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="205"/>
        <source>Time</source>
        <translation>Saat</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="205"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="293"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="322"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="365"/>
        <source>Operation</source>
        <translation>İşlem</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="206"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="309"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="365"/>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="206"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="310"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="366"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="206"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="310"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="367"/>
        <source>Reason</source>
        <translation>Açıklama</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="207"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="322"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="334"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="207"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="366"/>
        <source>Serial</source>
        <translation>Sıra no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="207"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="334"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="366"/>
        <source>Batch</source>
        <translation>Parti no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="208"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="335"/>
        <source>Expiry</source>
        <translation>SKT</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="208"/>
        <source>ITS notification ID</source>
        <translation>İTS bildirim ID</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="247"/>
        <source>End-of-day report</source>
        <translation>Gün sonu raporu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="248"/>
        <source>Station GLN: %1</source>
        <translation>İstasyon GLN: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="249"/>
        <source>Made at %1</source>
        <translation>Hazırlanma: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="256"/>
        <source>No boxes were scanned on this day.</source>
        <translation>Bu gün hiç kutu okutulmadı.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="269"/>
        <source>%1 boxes scanned on earlier days are still waiting or need attention.</source>
        <translation>Önceki günlerde okutulan %1 kutu hâlâ bekliyor ya da kontrol gerektiriyor.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="295"/>
        <source>Total</source>
        <translation>Toplam</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="302"/>
        <source>All operations</source>
        <translation>Tüm işlemler</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="311"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="322"/>
        <location filename="../../pharmadesk/ui/report_document.py" line="335"/>
        <source>Boxes</source>
        <translation>Kutu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="359"/>
        <source>Boxes that need you</source>
        <translation>İlgilenmeniz gereken kutular</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="373"/>
        <source>… and %1 more: see the CSV file.</source>
        <translation>… ve %1 kutu daha: CSV dosyasına bakın.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="327"/>
        <source>Stock movements of the day (accepted by ITS)</source>
        <translation>Günün stok hareketleri (ITS&apos;in kabul ettikleri)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="334"/>
        <source>Expiry state</source>
        <translation>SKT durumu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="339"/>
        <source>Expired</source>
        <translation>Miadı geçmiş</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="340"/>
        <source>Within %1 days</source>
        <translation>%1 gün içinde</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="345"/>
        <source>Expiring stock</source>
        <translation>Miadı yaklaşan stok</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report_document.py" line="53"/>
        <source>Kept until the notification details are complete.</source>
        <translation>Bildirim bilgileri tamamlanana kadar saklanıyor.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="205"/>
        <source>Save the report</source>
        <translation>Raporu kaydet</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="210"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV dosyaları (*.csv)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="215"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF dosyaları (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="220"/>
        <source>End-of-day report</source>
        <translation>Gün sonu raporu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="221"/>
        <source>&amp;Day:</source>
        <translation>&amp;Gün:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="222"/>
        <source>Refresh (F5)</source>
        <translation>Yenile (F5)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="223"/>
        <source>Save as CSV (Ctrl+S)</source>
        <translation>CSV olarak kaydet (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="224"/>
        <source>Save as PDF (Ctrl+P)</source>
        <translation>PDF olarak kaydet (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/report.py" line="225"/>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
</context>
<context>
    <name>ScanTable</name>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="85"/>
        <source>Queued</source>
        <translation>Kuyrukta</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="86"/>
        <source>Sending</source>
        <translation>Gönderiliyor</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="87"/>
        <source>Accepted by ITS</source>
        <translation>İTS kabul etti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="88"/>
        <source>Rejected by ITS</source>
        <translation>İTS reddetti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="89"/>
        <source>Needs attention</source>
        <translation>İlgilenin</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="90"/>
        <source>Removed</source>
        <translation>Çıkarıldı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="92"/>
        <source>Duplicate</source>
        <translation>Mükerrer</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="93"/>
        <source>Expired</source>
        <translation>Miadı geçmiş</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="94"/>
        <source>Unreadable</source>
        <translation>Okunamadı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="95"/>
        <source>Invalid</source>
        <translation>Geçersiz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="96"/>
        <source>Ambiguous</source>
        <translation>Belirsiz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="97"/>
        <source>Not allowed</source>
        <translation>İzin verilmez</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="98"/>
        <source>NOT SAVED</source>
        <translation>KAYDEDİLMEDİ</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="91"/>
        <source>Waiting for details</source>
        <translation>Bilgi bekliyor</translation>
    </message>
</context>
<context>
    <name>ScanTableModel</name>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="280"/>
        <source>Time</source>
        <translation>Saat</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="280"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="280"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="280"/>
        <source>Serial</source>
        <translation>Sıra no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="281"/>
        <source>Batch</source>
        <translation>Parti no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="281"/>
        <source>Expiry</source>
        <translation>Son kullanma</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="281"/>
        <source>Days left</source>
        <translation>Kalan gün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="281"/>
        <source>State</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="282"/>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="310"/>
        <source>GTIN %1 · batch %2</source>
        <translation>GTIN %1 · parti %2</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="341"/>
        <source>Answered by ITS</source>
        <translation>İTS yanıtladı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="350"/>
        <source>Saved; waiting to be sent to ITS</source>
        <translation>Kaydedildi; İTS&apos;e gönderilmeyi bekliyor</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scan_model.py" line="354"/>
        <source>Saved; queued once the notification details are complete.</source>
        <translation>Kaydedildi; bildirim bilgileri tamamlanınca kuyruğa alınır.</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="289"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="289"/>
        <source>Serial number (SN)</source>
        <translation>Sıra numarası (SN)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="290"/>
        <source>Batch (BN)</source>
        <translation>Parti numarası (BN)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="291"/>
        <source>Expiry date</source>
        <translation>Son kullanma tarihi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="294"/>
        <source>The scanner works.</source>
        <translation>Okuyucu çalışıyor.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="298"/>
        <source>Scanner test</source>
        <translation>Okuyucu testi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="299"/>
        <source>Scan the karekod of any medicine box. Nothing is saved or sent.</source>
        <translation>Herhangi bir ilaç kutusunun karekodunu okutun. Hiçbir şey kaydedilmez ya da gönderilmez.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="300"/>
        <source>Click in the field and scan (or type the karekod and press Enter).</source>
        <translation>Alana tıklayıp okutun (ya da karekodu yazıp Enter&apos;a basın).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="301"/>
        <source>Karekod</source>
        <translation>Karekod</translation>
    </message>
</context>
<context>
    <name>ScannerSettings</name>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="217"/>
        <source>Choose or type a serial port first.</source>
        <translation>Önce bir seri port seçin ya da yazın.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="223"/>
        <source>Listening on %1 — scan the test code within %2 seconds.</source>
        <translation>%1 dinleniyor — test kodunu %2 saniye içinde okutun.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="233"/>
        <source>The port cannot be read: %1</source>
        <translation>Port okunamıyor: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="235"/>
        <source>Nothing arrived. Check the port, the baud rate and that the scanner is in serial (COM) mode.</source>
        <translation>Hiçbir şey gelmedi. Portu, baud hızını ve okuyucunun seri (COM) modunda olduğunu kontrol edin.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="284"/>
        <source>Looking for cameras…</source>
        <translation>Kameralar aranıyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="285"/>
        <source>Cameras found: %1</source>
        <translation>Bulunan kameralar: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="286"/>
        <source>No other camera found.</source>
        <translation>Başka kamera bulunamadı.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="286"/>
        <source>No camera found.</source>
        <translation>Kamera bulunamadı.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="287"/>
        <source>Cameras could not be listed: %1</source>
        <translation>Kameralar listelenemedi: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="290"/>
        <source>Camera %1: in use by the Camera panel (F10), not tried.</source>
        <translation>Kamera %1: Kamera panelinde (F10) kullanılıyor, denenmedi.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="291"/>
        <source>Camera %1: showing in the preview here, not tried.</source>
        <translation>Kamera %1: buradaki önizlemede gösteriliyor, denenmedi.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="300"/>
        <source>The camera read: %1</source>
        <translation>Kameranın okuduğu: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="308"/>
        <source>USB keyboard scanner</source>
        <translation>USB klavye okuyucu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="310"/>
        <source>Longest gap between keys:</source>
        <translation>Tuşlar arası en uzun ara:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="310"/>
        <source>End of scan after:</source>
        <translation>Okuma bitti sayılır:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="311"/>
        <source>Shortest scan (characters):</source>
        <translation>En kısa okuma (karakter):</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="311"/>
        <source>Last key of a scan:</source>
        <translation>Okumanın son tuşu:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="312"/>
        <source>Scanner keyboard layout:</source>
        <translation>Okuyucunun klavye düzeni:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="312"/>
        <source>Prefix:</source>
        <translation>Ön ek:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="312"/>
        <source>GS stand-in:</source>
        <translation>GS yerine geçen:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="314"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="314"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="314"/>
        <source>None (pause)</source>
        <translation>Yok (duraklama)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="316"/>
        <source>As the computer&apos;s</source>
        <translation>Bilgisayarınki gibi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="316"/>
        <source>US</source>
        <translation>ABD (US)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="316"/>
        <source>Turkish Q</source>
        <translation>Türkçe Q</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="318"/>
        <source>e.g. ~ (several: ~|&lt;GS&gt;)</source>
        <translation>ör. ~ (birden çok: ~|&lt;GS&gt;)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="319"/>
        <source>e.g. ]d2</source>
        <translation>ör. ]d2</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="320"/>
        <source>Use the settings the test suggests</source>
        <translation>Testin önerdiği ayarları kullan</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="321"/>
        <source>Serial (COM) scanner</source>
        <translation>Seri (COM) okuyucu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="322"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="323"/>
        <source>Baud rate:</source>
        <translation>Baud hızı:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="324"/>
        <source>Test</source>
        <translation>Dene</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="325"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="326"/>
        <source>Find cameras</source>
        <translation>Kameraları bul</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_settings.py" line="328"/>
        <source>Tries camera numbers 0 to 3 (a few seconds). The camera the Camera panel is reading is left alone.</source>
        <translation>0&apos;dan 3&apos;e kadar kamera numaralarını dener (birkaç saniye). Kamera panelinin okuduğu kameraya dokunmaz.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="317"/>
        <source>The GLN&apos;s check digit is wrong: its last digit should be %1 (ITS 11018).</source>
        <translation>GLN&apos;nin kontrol hanesi yanlış: son hane %1 olmalı (ITS 11018).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="319"/>
        <source>A GLN has 13 digits, the last one a check digit (ITS 11018).</source>
        <translation>GLN 13 hanedir, son hanesi kontrol hanesidir (ITS 11018).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="325"/>
        <source>The ITS user name is the GLN followed by 4 digits (17 digits, ITS 11039).</source>
        <translation>İTS kullanıcı adı GLN ve ardından 4 rakamdır (17 hane, ITS 11039).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="326"/>
        <source>The ITS user name must start with this station&apos;s GLN (ITS 11039).</source>
        <translation>İTS kullanıcı adı bu istasyonun GLN&apos;si ile başlamalı (ITS 11039).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="336"/>
        <source>The training %1&apos;s GLN in the sandbox ITS</source>
        <translation>Eğitim İTS&apos;indeki %1 istasyonunun GLN&apos;si</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="340"/>
        <source>Valid</source>
        <translation>Geçerli</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="355"/>
        <source>No password keyring is available on this computer, so the password cannot be saved here. Give it in the PHARMADESK_ITS_PASSWORD environment variable (on Linux, installing gnome-keyring gives PharmaDesk a keyring).</source>
        <translation>Bu bilgisayarda parola kasası (keyring) yok; parola burada kaydedilemez. Parolayı PHARMADESK_ITS_PASSWORD ortam değişkeniyle verin (Linux&apos;ta gnome-keyring kurmak PharmaDesk&apos;e bir parola kasası sağlar).</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="363"/>
        <source>Training needs no password.</source>
        <translation>Eğitim modu parola gerektirmez.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="374"/>
        <source>(unchanged)</source>
        <translation>(değişmedi)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="376"/>
        <source>A password is saved in the keyring for this user name; type a new one to replace it.</source>
        <translation>Bu kullanıcı adı için parola kasasında kayıtlı bir parola var; değiştirmek için yenisini yazın.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="377"/>
        <source>No password saved yet for this user name.</source>
        <translation>Bu kullanıcı adı için henüz kayıtlı parola yok.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="409"/>
        <source>The training ITS simulator on this computer: nothing reaches the real ITS.</source>
        <translation>Bu bilgisayardaki eğitim İTS simülatörü: gerçek İTS&apos;e hiçbir şey gitmez.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="410"/>
        <source>The address of the ITS test system that ITS gave your account.</source>
        <translation>İTS&apos;in hesabınız için verdiği test sisteminin adresi.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="411"/>
        <source>The real ITS: every notification counts.</source>
        <translation>Gerçek İTS: her bildirim geçerlidir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="417"/>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="418"/>
        <source>ITS</source>
        <translation>İTS</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="418"/>
        <source>Sync</source>
        <translation>Gönderim</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="418"/>
        <source>Interface</source>
        <translation>Arayüz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="419"/>
        <source>Scanners</source>
        <translation>Okuyucular</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="421"/>
        <source>Pharmacy</source>
        <translation>Eczane</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="421"/>
        <source>Hospital</source>
        <translation>Hastane</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="422"/>
        <source>Drug warehouse</source>
        <translation>Ecza deposu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="424"/>
        <source>Station &amp;type:</source>
        <translation>İstasyon &amp;türü:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="424"/>
        <source>Own &amp;GLN:</source>
        <translation>Kendi &amp;GLN&apos;iniz:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="425"/>
        <source>ITS &amp;user name:</source>
        <translation>İTS &amp;kullanıcı adı:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="425"/>
        <source>ITS &amp;password:</source>
        <translation>İTS &amp;parolası:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="426"/>
        <source>ITS &amp;system:</source>
        <translation>İTS &amp;sistemi:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="426"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adres:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="427"/>
        <source>ITS &amp;generation:</source>
        <translation>ITS &amp;kuşağı:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="428"/>
        <source>Hospital &amp;Sarf via:</source>
        <translation>Hastane &amp;Sarf yolu:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="429"/>
        <source>Code texts:</source>
        <translation>Kod metinleri:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="431"/>
        <source>Sandbox (training simulator)</source>
        <translation>Deneme (eğitim simülatörü)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="431"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="432"/>
        <source>Production (real ITS)</source>
        <translation>Canlı (gerçek İTS)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="434"/>
        <source>BR v1 (İTS web services guide)</source>
        <translation>BR v1 (İTS web servisleri kılavuzu)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="435"/>
        <source>ITS 1.2 (receipt, return, dispatch, transfer)</source>
        <translation>İTS 1.2 (alım, iade, sevk, devir)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="436"/>
        <source>ITS2 (REST/JSON, its2.saglik.gov.tr)</source>
        <translation>ITS2 (REST/JSON, its2.saglik.gov.tr adresinde)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="442"/>
        <source>REST (/consume/app/consume)</source>
        <translation>REST (/consume/app/consume yolu)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="443"/>
        <source>SOAP HastaneSarf service (fallback)</source>
        <translation>SOAP HastaneSarf servisi (yedek yol)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="445"/>
        <source>13 digits, e.g. 8690003000040</source>
        <translation>13 hane, ör. 8690003000040</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="446"/>
        <source>GLN + 4 digits, e.g. 86900030000040000</source>
        <translation>GLN + 4 rakam, ör. 86900030000040000</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="447"/>
        <source>&amp;Items per request:</source>
        <translation>İstek başına &amp;ürün:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="448"/>
        <source>ITS reports 10,000 items per notification as the best size.</source>
        <translation>İTS, bildirim başına 10.000 ürünü en uygun boyut olarak bildiriyor.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="449"/>
        <source>&amp;Automatic sync:</source>
        <translation>&amp;Otomatik gönderim:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="450"/>
        <source>every</source>
        <translation>her</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="451"/>
        <source> min</source>
        <translation> dakikada</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="452"/>
        <source>&amp;Language:</source>
        <translation>&amp;Dil:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="453"/>
        <source>Play a &amp;sound for each scan</source>
        <translation>Her okutmada &amp;ses çal</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="454"/>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="455"/>
        <source>Cancel</source>
        <translation>Vazgeç</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="477"/>
        <source>&amp;Settings</source>
        <translation>&amp;Ayarlar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="478"/>
        <source>Station, ITS account and address, sync, language, scanners</source>
        <translation>İstasyon, İTS hesabı ve adresi, gönderim, dil, okuyucular</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/settings_dialog.py" line="438"/>
        <source>Guessed names: no public source shows the addresses and SOAP actions of the pharmacy (Eczane) services, of the hospital&apos;s purchase, return and transfer services, nor Ürün Doğrulama&apos;s SOAP action; PharmaDesk derives them by analogy. Check them against the real ITS with: pharmadesk doctor --its-check KAREKOD</source>
        <translation>Tahmin edilen adlar: eczane servislerinin, hastanenin mal alım, iade ve devir servislerinin adreslerini ve SOAP eylemlerini, Ürün Doğrulama&apos;nın SOAP eylemini gösteren açık bir kaynak yok; PharmaDesk bunları benzetmeyle türetir. Gerçek İTS&apos;ye karşı şununla deneyin: pharmadesk doctor --its-check KAREKOD</translation>
    </message>
</context>
<context>
    <name>ShipmentModels</name>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="54"/>
        <source>Sender</source>
        <translation>Gönderen</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="54"/>
        <source>Document</source>
        <translation>Belge</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="55"/>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="55"/>
        <source>Boxes</source>
        <translation>Kutu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="56"/>
        <source>Carriers</source>
        <translation>Taşıyıcı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="56"/>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="73"/>
        <source>Received</source>
        <translation>Alındı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="57"/>
        <source>Remaining</source>
        <translation>Kalan</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="57"/>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="109"/>
        <source>State</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="74"/>
        <source>Expected</source>
        <translation>Bekleniyor</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="107"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="107"/>
        <source>Serial</source>
        <translation>Seri</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="108"/>
        <source>Batch</source>
        <translation>Parti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="108"/>
        <source>Expiry</source>
        <translation>SKT</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="109"/>
        <source>Carrier</source>
        <translation>Taşıyıcı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="145"/>
        <source>Queued for receipt</source>
        <translation>Mal Alım kuyruğunda</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="146"/>
        <source>Scanned</source>
        <translation>Okutulan</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="147"/>
        <source>Damaged, set aside</source>
        <translation>Hasarlı, ayrıldı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/shipments_models.py" line="148"/>
        <source>Not scanned yet</source>
        <translation>Henüz okutulmadı</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="653"/>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="655"/>
        <source>Keys</source>
        <translation>Tuşlar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/main_window.py" line="655"/>
        <source>Does</source>
        <translation>İşlevi</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="357"/>
        <source>How do you want to start?</source>
        <translation>Nasıl başlamak istersiniz?</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="358"/>
        <source>Your answers are saved either way.</source>
        <translation>Yanıtlarınız her iki durumda da kaydedilir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="359"/>
        <source>Try the training sandbox first</source>
        <translation>Önce eğitim modunu deneyin</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="361"/>
        <source>A built-in ITS simulator with demo boxes: nothing is sent to the real ITS. Safe for learning and for training a new colleague. Later, open PharmaDesk (Training) from the Start menu.</source>
        <translation>Örnek kutularla yerleşik bir İTS simülatörü: gerçek İTS&apos;ye hiçbir şey gönderilmez. Öğrenmek ve yeni bir çalışma arkadaşını eğitmek için güvenlidir. Daha sonra Başlat menüsünden PharmaDesk (Eğitim) ile açın.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="363"/>
        <source>Connect to ITS now</source>
        <translation>Şimdi İTS&apos;ye bağlan</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="365"/>
        <source>Scans are queued on this PC and sent to ITS with your user name and password.</source>
        <translation>Okutmalar bu bilgisayarda sıraya alınır ve kullanıcı adınız ve parolanızla İTS&apos;ye gönderilir.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="366"/>
        <source>ITS &amp;address:</source>
        <translation>İTS &amp;adresi:</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="126"/>
        <source>Welcome to PharmaDesk</source>
        <translation>PharmaDesk&apos;e hoş geldiniz</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="127"/>
        <source>A few questions and this PC is ready to scan. You can change every answer later in Settings.</source>
        <translation>Birkaç soru ve bu bilgisayar okutmaya hazır. Her yanıtı daha sonra Ayarlar&apos;dan değiştirebilirsiniz.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="129"/>
        <source>Language / Dil:</source>
        <translation>Dil / Language:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="130"/>
        <source>What is this station?</source>
        <translation>Bu istasyon nedir?</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="131"/>
        <source>Pharmacy</source>
        <translation>Eczane</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="132"/>
        <source>Hospital pharmacy</source>
        <translation>Hastane eczanesi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/first_run.py" line="133"/>
        <source>Drug warehouse</source>
        <translation>Ecza deposu</translation>
    </message>
</context>
<context>
    <name>StatusQuery</name>
    <message>
        <location filename="../../pharmadesk/ui/status_query.py" line="44"/>
        <source>ITS status query: %1 — %2</source>
        <translation>ITS durum sorgusu: %1 — %2</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/status_query.py" line="46"/>
        <source>Held by: %1</source>
        <translation>Bulunduğu paydaş: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/status_query.py" line="48"/>
        <source>Handed over to: %1</source>
        <translation>Devredildiği paydaş: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/status_query.py" line="54"/>
        <source>this station (%1)</source>
        <translation>bu istasyon (%1)</translation>
    </message>
</context>
<context>
    <name>StockCardDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="74"/>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="74"/>
        <source>Operation</source>
        <translation>İşlem</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="74"/>
        <source>Document</source>
        <translation>Belge</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="74"/>
        <source>Counterparty</source>
        <translation>Karşı taraf</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="75"/>
        <source>ITS notification</source>
        <translation>ITS bildirim no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="75"/>
        <source>Quantity</source>
        <translation>Miktar</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="75"/>
        <source>Balance</source>
        <translation>Bakiye</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="76"/>
        <source>Note</source>
        <translation>Not</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_dialogs.py" line="79"/>
        <source>Stock card</source>
        <translation>Stok kartı</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="100"/>
        <source>Expiry state</source>
        <translation>SKT durumu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="100"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="100"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="100"/>
        <source>Lot</source>
        <translation>Parti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="101"/>
        <source>Expiry</source>
        <translation>SKT</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="101"/>
        <source>Boxes</source>
        <translation>Kutu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="108"/>
        <source>Expired</source>
        <translation>Miadı geçmiş</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="109"/>
        <source>Within %1 days</source>
        <translation>%1 gün içinde</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="223"/>
        <source>Reading the stock…</source>
        <translation>Stok okunuyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="252"/>
        <source>%1 boxes · %2 products · %3 expired · %4 expiring</source>
        <translation>%1 kutu · %2 ürün · %3 miadı geçmiş · %4 miadı yaklaşan</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="256"/>
        <source>waiting for ITS: %1 in, %2 out</source>
        <translation>ITS onayı bekleyen: %1 giriş, %2 çıkış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="335"/>
        <source>Stock on hand</source>
        <translation>Eldeki stok</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="336"/>
        <source>&amp;Search:</source>
        <translation>&amp;Ara:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="337"/>
        <source>name, GTIN, lot or serial</source>
        <translation>ad, GTIN, parti ya da seri no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="339"/>
        <source>Stock card</source>
        <translation>Stok kartı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="339"/>
        <source>Every movement of the product with its balance</source>
        <translation>Ürünün bütün hareketleri ve bakiyesi</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="340"/>
        <source>Lot lookup</source>
        <translation>Parti sorgula</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="341"/>
        <source>Which boxes of the lot are here, and where the others went</source>
        <translation>Partinin hangi kutuları burada, diğerleri nereye gitti</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="342"/>
        <source>Return expired</source>
        <translation>Miadı geçenleri iade et</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="343"/>
        <source>Open the return page with the expired boxes, to the supplier they came from</source>
        <translation>Miadı geçen kutularla Mal İade sayfasını açar; geldikleri tedarikçiye</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="344"/>
        <source>Deactivate expired</source>
        <translation>Miadı geçenleri deaktive et</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="345"/>
        <source>Open the deactivation page with the expired boxes, reason DS 40 (MİAT)</source>
        <translation>Miadı geçen kutularla Deaktivasyon sayfasını açar; sebep DS 40 (MİAT)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="346"/>
        <source>Check with ITS</source>
        <translation>ITS ile kontrol et</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="347"/>
        <source>Ask ITS about the selected lots, or the whole stock: recalled, not ours, sold</source>
        <translation>Seçili partileri ya da bütün stoku ITS&apos;e sorar: geri çekilmiş, bizim değil, satılmış</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="348"/>
        <source>Stock count</source>
        <translation>Sayım</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="348"/>
        <source>Scan the shelf and compare it with the stock</source>
        <translation>Rafı okutun ve stokla karşılaştırın</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/stock_page.py" line="375"/>
        <source>Stock</source>
        <translation>Stok</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="411"/>
        <source>Send to ITS</source>
        <translation>İTS’e gönderim</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="412"/>
        <source>Cancel (Esc)</source>
        <translation>Durdur (Esc)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="413"/>
        <source>Send again</source>
        <translation>Yeniden gönder</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="414"/>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="425"/>
        <source>Boxes that need a look</source>
        <translation>Bakılması gereken kutular</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="425"/>
        <source>Every box sent</source>
        <translation>Gönderilen tüm kutular</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="435"/>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="447"/>
        <source>Sending the queue to ITS…</source>
        <translation>Kuyruk İTS’e gönderiliyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="473"/>
        <source>Sent %1 of %2 · accepted %3 · rejected %4 · need attention %5</source>
        <translation>%2 kutudan %1 gönderildi · kabul %3 · ret %4 · kontrol bekleyen %5</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="503"/>
        <source>Nothing was waiting to be sent.</source>
        <translation>Gönderilmeyi bekleyen kutu yoktu.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="415"/>
        <source>Correct and send again…</source>
        <translation>Düzelt ve yeniden gönder…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="416"/>
        <source>Correct the details of the notification ITS refused (the selected box&apos;s) and send it again</source>
        <translation>ITS&apos;in reddettiği bildirimin (seçili kutununkinin) bilgilerini düzeltip yeniden gönderin</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="418"/>
        <source>Remove box</source>
        <translation>Kutuyu kaldır</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="419"/>
        <source>Take the selected boxes that ITS&apos;s refusal stopped off the queue</source>
        <translation>ITS&apos;in reddiyle duran seçili kutuları kuyruktan kaldır</translation>
    </message>
</context>
<context>
    <name>SyncResultsModel</name>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="292"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="292"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="292"/>
        <source>Serial</source>
        <translation>Sıra no</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="292"/>
        <source>Operation</source>
        <translation>İşlem</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="293"/>
        <source>State</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="293"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="293"/>
        <source>What it means</source>
        <translation>Anlamı</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/sync_panel.py" line="293"/>
        <source>What to do</source>
        <translation>Ne yapmalı</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <location filename="../../pharmadesk/ui/verify_page.py" line="82"/>
        <source>Where is this box? (ITS status query)</source>
        <translation>Bu kutu nerede? (ITS durum sorgusu)</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/verify_page.py" line="87"/>
        <source>Scan a box: ITS&apos;s answer about it appears here.</source>
        <translation>Bir kutu okutun: İTS’in o kutu hakkındaki yanıtı burada görünür.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/verify_page.py" line="89"/>
        <source>Waiting for ITS&apos;s answer about serial %1…</source>
        <translation>%1 sıra numaralı kutu için İTS yanıtı bekleniyor…</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/verify_page.py" line="99"/>
        <source>What to do: %1</source>
        <translation>Ne yapmalı: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/verify_page.py" line="106"/>
        <source>This box allows:</source>
        <translation>Bu kutuyla yapılabilecekler:</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/verify_page.py" line="113"/>
        <source>No further operation is possible with this box.</source>
        <translation>Bu kutuyla yapılabilecek başka işlem yok.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/verify_page.py" line="118"/>
        <source>Asking ITS…</source>
        <translation>ITS&apos;e soruluyor…</translation>
    </message>
</context>
<context>
    <name>WedgeTestBox</name>
    <message>
        <location filename="../../pharmadesk/ui/scanner_test.py" line="39"/>
        <source>Read: %1</source>
        <translation>Okunan: %1</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_test.py" line="162"/>
        <source>Listening — scan the test code now.</source>
        <translation>Dinleniyor — test kodunu şimdi okutun.</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/scanner_test.py" line="165"/>
        <source>Scan here to test: click this box (or Tab to it), then scan the code on the left from the screen or a printout.</source>
        <translation>Denemek için burada okutun: bu kutuya tıklayın (ya da Tab ile gelin), sonra soldaki kodu ekrandan ya da çıktıdan okutun.</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../pharmadesk/ui/app.py" line="58"/>
        <source>Training mode</source>
        <translation>Eğitim modu</translation>
    </message>
    <message>
        <location filename="../../pharmadesk/ui/app.py" line="59"/>
        <source>The training ITS simulator could not start: %1</source>
        <translation>Eğitim İTS simülatörü başlatılamadı: %1</translation>
    </message>
</context>
</TS>
