//! Lossy WebP through `libwebp-sys` 0.14 (bundled libwebp 1.6.0, built by `cc`):
//! the only unsafe code of the program. (The `webp` crate pins libwebp 1.3.1,
//! older than the CVE-2023-4863 fix.) Only pixels go in, so no metadata comes out.

use std::ffi::c_void;

use libwebp_sys as sys;

const ABI: i32 = sys::WEBP_ENCODER_ABI_VERSION as i32;

/// Encodes packed RGB (`alpha` false) or RGBA pixels; `method` is libwebp's
/// effort, 0 (fast) to 6.
pub(super) fn encode(
    px: &[u8],
    alpha: bool,
    (width, height): (u32, u32),
    quality: f32,
    method: i32,
) -> Result<Vec<u8>, String> {
    let channels = if alpha { 4 } else { 3 };
    if px.len() != width as usize * height as usize * channels {
        return Err("the pixel buffer does not match the size".into());
    }
    if width > sys::WEBP_MAX_DIMENSION || height > sys::WEBP_MAX_DIMENSION {
        return Err(format!("{width}x{height} is over WebP's 16383 px limit"));
    }
    // SAFETY: the structs are plain C data initialised by libwebp's own init
    // functions before use; `px` outlives the import; the picture and the
    // writer are freed on every path after being initialised.
    unsafe {
        let mut config: sys::WebPConfig = std::mem::zeroed();
        let preset = sys::WebPPreset::WEBP_PRESET_DEFAULT;
        if sys::WebPConfigInitInternal(&mut config, preset, quality, ABI) == 0 {
            return Err("libwebp version mismatch".into());
        }
        config.method = method;
        if sys::WebPValidateConfig(&config) == 0 {
            return Err("invalid WebP settings".into());
        }
        let mut picture: sys::WebPPicture = std::mem::zeroed();
        if sys::WebPPictureInitInternal(&mut picture, ABI) == 0 {
            return Err("libwebp version mismatch".into());
        }
        (picture.width, picture.height) = (width as i32, height as i32);
        let stride = width as i32 * channels as i32;
        let imported = if alpha {
            sys::WebPPictureImportRGBA(&mut picture, px.as_ptr(), stride)
        } else {
            sys::WebPPictureImportRGB(&mut picture, px.as_ptr(), stride)
        };
        if imported == 0 {
            sys::WebPPictureFree(&mut picture);
            return Err("out of memory importing pixels".into());
        }
        let mut writer: sys::WebPMemoryWriter = std::mem::zeroed();
        sys::WebPMemoryWriterInit(&mut writer);
        picture.writer = Some(sys::WebPMemoryWrite);
        picture.custom_ptr = &mut writer as *mut sys::WebPMemoryWriter as *mut c_void;
        let ok = sys::WebPEncode(&config, &mut picture) != 0;
        let error = picture.error_code;
        sys::WebPPictureFree(&mut picture);
        let out = if ok { std::slice::from_raw_parts(writer.mem, writer.size).to_vec() } else { Vec::new() };
        sys::WebPMemoryWriterClear(&mut writer);
        if ok { Ok(out) } else { Err(format!("WebP encoding failed: {error:?}")) }
    }
}
