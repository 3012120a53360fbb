"""Parsing XML that came over the network: no DTD, no entity expansion, no network
access. A SOAP message may not carry a DTD at all (SOAP 1.1 §3), so any DOCTYPE is
refused outright: that stops XXE and entity bombs (billion laughs) before they
can cost anything."""

from __future__ import annotations

from lxml import etree
from zeep import Settings

# For zeep's own parsing (WSDL/XSD loading). The WSDLs are local files, but the
# same rules hold everywhere XML is read.
ZEEP_SETTINGS = Settings(strict=True, forbid_dtd=True, forbid_entities=True, forbid_external=True,
                         xml_huge_tree=False)


class UnsafeXml(ValueError):
    """The document is not well-formed, or it tries to use a DTD or entities."""


def _parser(large_text: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=large_text, remove_comments=True, remove_pis=True,
    )


def parse(data: bytes, *, large_text: bool = False) -> etree._Element:
    """The root element of a network document, or UnsafeXml. `large_text` lifts libxml2's
    10 MB limit on one text node (a PTS package travels as one base64 text); entities stay
    unexpanded and a DTD refused, so the limit is not what keeps a bomb out."""
    if not data or not data.strip():
        raise UnsafeXml("empty document")
    try:
        root = etree.fromstring(data, parser=_parser(large_text))
    except etree.XMLSyntaxError as error:
        raise UnsafeXml(f"not well-formed XML: {error}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXml("the document declares a DTD (refused: possible XXE or entity bomb)")
    return root


__all__ = ["ZEEP_SETTINGS", "UnsafeXml", "parse"]
