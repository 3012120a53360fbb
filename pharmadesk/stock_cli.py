"""`pharmadesk stock` and `pharmadesk stock card GTIN` (contract in DESIGN.md): what is on
the shelves by product, lot and expiry, the boxes still waiting for ITS, and a product's
stock card with every movement and its running balance."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta

from pharmadesk.commands import EXIT_REFUSED, EXIT_SETUP, _common, _guarded, _lang, _store, engine_run
from pharmadesk.config import EXPIRY_WINDOWS_SETTING, Config
from pharmadesk.gs1 import gtin_is_valid
from pharmadesk.session import operation_name
from pharmadesk.store.stock import EXPIRED, CardLine, StockLine, expiry_bucket


def bad_gtin(gtin: str, lang: str) -> str:
    return (f"GTIN geçersiz: {gtin!r}. 14 rakam ve doğru kontrol hanesi olmalı (ör. 08699546090112)."
            if lang == "tr" else
            f"Invalid GTIN: {gtin!r}. It must be 14 digits with a correct check digit (e.g. 08699546090112).")


def expiry_label(bucket: str | None, lang: str) -> str:
    if bucket is None:
        return ""
    if bucket == EXPIRED:
        return "MİADI GEÇMİŞ" if lang == "tr" else "EXPIRED"
    return f"≤ {bucket} gün" if lang == "tr" else f"≤ {bucket} days"


@_guarded
def stock_main(argv: list[str]) -> int:
    if argv[:1] == ["card"]:
        return _card(argv[1:])
    parser = argparse.ArgumentParser(
        prog="pharmadesk stock",
        description="Stock on hand from the notifications ITS accepted, per product, lot and expiry. "
                    "`pharmadesk stock card GTIN` prints a product's stock card.")
    _common(parser)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--expiring", type=int, metavar="DAYS",
                        help="only lines expiring within DAYS days (expired ones included)")
    parser.add_argument("--gtin", help="only this product")
    args = parser.parse_args(argv)
    lang = _lang(args)
    if args.gtin and not gtin_is_valid(args.gtin):
        print(bad_gtin(args.gtin, lang), file=sys.stderr)
        return EXIT_SETUP
    if args.expiring is not None and args.expiring < 0:
        print("--expiring 0 ya da daha büyük bir gün sayısı ister." if lang == "tr" else
              "--expiring takes a number of days, 0 or more.", file=sys.stderr)
        return EXIT_SETUP
    today = date.today()
    with _store(args) as store:
        windows = Config(store).get_or_default(EXPIRY_WINDOWS_SETTING)
        lines = store.stock_lines(gtin=args.gtin)
        pending = store.pending_stock()
    if args.expiring is not None:
        last_day = today + timedelta(days=args.expiring)
        lines = [line for line in lines if line.expiry <= last_day]
    boxes = sum(line.count for line in lines)
    if args.json:
        print(json.dumps({"boxes": boxes,
                          "lines": [{"gtin": line.gtin, "name": line.name, "batch": line.batch,
                                     "expiry": line.expiry.isoformat(), "count": line.count} for line in lines],
                          "pending": {"in": pending.coming_in, "out": pending.going_out}},
                         ensure_ascii=False, indent=2))
        return 0
    _print_lines(lines, today, windows, lang)
    products = len({line.gtin for line in lines})
    print(f"Toplam: {boxes} kutu, {products} ürün" if lang == "tr" else
          f"Total: {boxes} boxes, {products} products")
    if pending.coming_in or pending.going_out:
        print(f"ITS onayı bekleyen (stoka henüz yansımadı): {pending.coming_in} giriş, "
              f"{pending.going_out} çıkış"
              if lang == "tr" else
              f"Waiting for ITS (not in the stock yet): {pending.coming_in} coming in, {pending.going_out} going out")
    return 0


def _print_lines(lines: list[StockLine], today: date, windows: tuple[int, ...], lang: str) -> None:
    head = ("GTIN", "Ürün", "Parti", "SKT", "Adet") if lang == "tr" else ("GTIN", "Product", "Lot", "Expiry", "Count")
    print(f"{head[0]:<15} {head[1]:<28} {head[2]:<12} {head[3]:<10} {head[4]:>6}")
    totals: dict[str, int] = {}
    for line in lines:
        totals[line.gtin] = totals.get(line.gtin, 0) + line.count
        mark = expiry_label(expiry_bucket(line.expiry, today, windows), lang)
        print(f"{line.gtin:<15} {(line.name or '')[:28]:<28} {line.batch:<12} {line.expiry.isoformat():<10} "
              f"{line.count:>6}  {mark}".rstrip())
    for gtin, count in totals.items():
        if sum(1 for line in lines if line.gtin == gtin) > 1:
            print(f"{gtin:<15} {'ürün toplamı' if lang == 'tr' else 'product total':<52} {count:>6}")


def _card(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk stock card",
                                     description="A product's stock card: every movement ITS accepted, "
                                                 "with document, party, ITS notification id and the balance.")
    _common(parser)
    parser.add_argument("gtin", metavar="GTIN")
    args = parser.parse_args(argv)
    lang = _lang(args)
    if not gtin_is_valid(args.gtin):
        print(bad_gtin(args.gtin, lang), file=sys.stderr)
        return EXIT_SETUP
    with _store(args) as store:
        lines = store.stock_card(args.gtin)
        name = store.product_names().get(args.gtin)
    print(f"{'Stok kartı' if lang == 'tr' else 'Stock card'}: {args.gtin} {name or ''}".rstrip())
    if not lines:
        print("Bu ürünün ITS'in kabul ettiği bir hareketi yok." if lang == "tr" else
              "This product has no movement accepted by ITS.")
        return 0
    head = (("Tarih", "İşlem", "Belge", "Karşı taraf", "ITS bildirim no", "Miktar", "Bakiye") if lang == "tr" else
            ("Date", "Operation", "Document", "Counterparty", "ITS notification", "Qty", "Balance"))
    print(f"{head[0]:<19} {head[1]:<26} {head[2]:<12} {head[3]:<28} {head[4]:<18} {head[5]:>6} {head[6]:>7}")
    for line in lines:
        print(f"{line.at[:19].replace('T', ' '):<19} {card_operation(line, lang)[:26]:<26} "
              f"{(line.document or '')[:12]:<12} "
              f"{counterparty(line)[:28]:<28} {(line.its_notification_id or '')[:18]:<18} "
              f"{line.quantity:>+6} {line.balance:>7}")
        for note in card_notes(line, lang):
            print(f"{'':<19} ! {note}")
    return 0


@_guarded
def verify_stock_main(argv: list[str]) -> int:
    from pharmadesk.stock_check import verify_stock
    from pharmadesk.sync import EXIT_CODES, OK

    parser = argparse.ArgumentParser(
        prog="pharmadesk verify-stock",
        description="Ask ITS about every box in stock (or one product or lot): recalled, not ours, "
                    "already sold or not sellable boxes are listed with what each answer allows. "
                    "Exit 0: all yours; 1: some need a look; 2: ITS could not be reached (the rest stays queued).")
    _common(parser)
    parser.add_argument("--gtin", help="only this product")
    parser.add_argument("--batch", metavar="LOT", help="only this lot (BN)")
    args = parser.parse_args(argv)
    lang = _lang(args)
    if args.gtin and not gtin_is_valid(args.gtin):
        print(bad_gtin(args.gtin, lang), file=sys.stderr)
        return EXIT_SETUP
    with _store(args) as store, engine_run(store, lang) as engine:
        report = verify_stock(store, engine, gtin=args.gtin, batch=args.batch, lang=lang)
    if not report.total:
        print("Stokta bu seçime uyan kutu yok." if lang == "tr" else "No box in stock matches.")
        return 0
    for box in report.boxes:
        allowed = ", ".join(operation_name(op, lang) for op in box.actions)
        print(f"{box.gtin} {box.serial:<20} {box.batch:<12} {box.expiry.isoformat()}  {box.code or '-----'}  "
              f"{box.meaning}" + (f"  → {allowed}" if allowed else ""))
    print(report.message(lang))
    if report.outcome != OK:
        return EXIT_CODES[report.outcome]
    return EXIT_REFUSED if report.boxes else 0


def card_operation(line: CardLine, lang: str) -> str:
    if line.operation.value == "verify":
        return "Açılış stoku (doğrulama)" if lang == "tr" else "Opening stock (verified)"
    return operation_name(line.operation, lang)


def counterparty(line: CardLine) -> str:
    return " ".join(part for part in (line.counterparty_gln, line.counterparty_name) if part)


def card_notes(line: CardLine, lang: str) -> list[str]:
    """What a movement did not do to the balance, and why."""
    notes = []
    if line.already_in:
        notes.append(f"{line.already_in} kutu zaten stoktaydı (iki kez giriş yapılmış); bakiyeye eklenmedi."
                     if lang == "tr" else
                     f"{line.already_in} boxes were already in stock (booked in twice); not added to the balance.")
    if line.not_on_record:
        notes.append(f"{line.not_on_record} kutunun girişi kayıtlı değil; bakiyeden düşülmedi."
                     if lang == "tr" else
                     f"{line.not_on_record} boxes were never booked in; not taken off the balance.")
    return notes


__all__ = ["stock_main", "verify_stock_main", "expiry_label", "bad_gtin", "card_operation", "card_notes",
           "counterparty"]
