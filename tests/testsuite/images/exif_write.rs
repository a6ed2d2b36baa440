//! Writes a minimal EXIF APP1 segment (orientation, camera serial, GPS
//! position) into a JPEG: for test fixtures and the example site's phone
//! photos, without needing exiftool on CI.
//!
//! Layout (big-endian TIFF, offsets from the TIFF header):
//! header (8) | IFD0: Orientation, Exif and GPS pointers | Exif IFD:
//! BodySerialNumber | GPS IFD | data: serial string, latitude and
//! longitude as 3 rationals each.

const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;
const BYTE: u16 = 1;

struct Tiff {
    out: Vec<u8>,
}

impl Tiff {
    fn u16(&mut self, v: u16) {
        self.out.extend_from_slice(&v.to_be_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_be_bytes());
    }
    /// One 12-byte IFD entry; `value` is the inline value or an offset.
    fn entry(&mut self, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        self.u16(tag);
        self.u16(kind);
        self.u32(count);
        self.out.extend_from_slice(&value);
    }
}

fn be32(v: u32) -> [u8; 4] {
    v.to_be_bytes()
}

/// Degrees as degrees/minutes/seconds rationals.
fn dms(value: f64) -> [(u32, u32); 3] {
    let v = value.abs();
    let (d, m) = (v.trunc(), (v.fract() * 60.0).trunc());
    let s = ((v * 3600.0 - d * 3600.0 - m * 60.0) * 1000.0).round();
    [(d as u32, 1), (m as u32, 1), (s as u32, 1000)]
}

/// The APP1 payload: "Exif\0\0" and the TIFF structure.
pub(super) fn exif_block(orientation: u16, serial: &str, lat: f64, lon: f64) -> Vec<u8> {
    let serial = format!("{serial}\0");
    let ifd0 = 8u32;
    let exif_ifd = ifd0 + 2 + 3 * 12 + 4;
    let gps = exif_ifd + 2 + 12 + 4;
    let data = gps + 2 + 5 * 12 + 4;
    let (serial_at, lat_at) = (data, data + serial.len() as u32);
    let lon_at = lat_at + 24;
    let mut t = Tiff { out: b"MM\0\x2a".to_vec() };
    t.u32(ifd0);
    t.u16(3);
    t.entry(0x0112, SHORT, 1, [(orientation >> 8) as u8, orientation as u8, 0, 0]);
    t.entry(0x8769, LONG, 1, be32(exif_ifd));
    t.entry(0x8825, LONG, 1, be32(gps));
    t.u32(0);
    t.u16(1);
    t.entry(0xA431, ASCII, serial.len() as u32, be32(serial_at)); // BodySerialNumber
    t.u32(0);
    t.u16(5);
    t.entry(0x0000, BYTE, 4, [2, 3, 0, 0]);
    t.entry(0x0001, ASCII, 2, [if lat >= 0.0 { b'N' } else { b'S' }, 0, 0, 0]);
    t.entry(0x0002, RATIONAL, 3, be32(lat_at));
    t.entry(0x0003, ASCII, 2, [if lon >= 0.0 { b'E' } else { b'W' }, 0, 0, 0]);
    t.entry(0x0004, RATIONAL, 3, be32(lon_at));
    t.u32(0);
    t.out.extend_from_slice(serial.as_bytes());
    for (num, den) in dms(lat).into_iter().chain(dms(lon)) {
        t.u32(num);
        t.u32(den);
    }
    let mut block = b"Exif\0\0".to_vec();
    block.extend_from_slice(&t.out);
    block
}

/// `jpeg` with an APP1 EXIF segment inserted right after SOI.
pub(super) fn with_exif(jpeg: &[u8], orientation: u16, serial: &str, lat: f64, lon: f64) -> Vec<u8> {
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "not a JPEG");
    let block = exif_block(orientation, serial, lat, lon);
    let mut out = Vec::with_capacity(jpeg.len() + block.len() + 4);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((block.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&block);
    out.extend_from_slice(&jpeg[2..]);
    out
}
