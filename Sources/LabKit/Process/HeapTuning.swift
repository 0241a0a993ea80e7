#if canImport(Glibc)
import Glibc
#endif

/// Process-wide settings of the C allocator, for processes that stream large files in pieces.
public enum HeapTuning {
    /// Free heap memory glibc keeps instead of handing it back to the kernel at once.
    public static let retainedBytes: Int32 = 16 << 20

    /// Lets glibc keep up to ``retainedBytes`` of freed heap. By default it returns the top of a heap to the kernel
    /// past 128 KiB free, so a node receiving 64 KiB pieces gives pages back and faults them in again every few
    /// pieces: measured here, a third to a half of a deposit server's kernel time. Does nothing off glibc.
    public static func retainFreedMemory() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not import: found by name instead.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(trimThreshold, retainedBytes)
        #endif
    }
}
