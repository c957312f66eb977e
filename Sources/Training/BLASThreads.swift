#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pins OpenBLAS to one thread while we run our own row-block parallelism (nested BLAS threads only contend
/// on small blocks). Looked up at run time so any other BLAS still links; a no-op there.
enum BLASThreads {
    typealias SetFn = @convention(c) (Int32) -> Void
    typealias GetFn = @convention(c) () -> Int32

    static func withSingleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
        let handle = dlopen(nil, RTLD_NOW)
        guard let setSym = dlsym(handle, "openblas_set_num_threads"),
              let getSym = dlsym(handle, "openblas_get_num_threads") else { return try body() }
        let set = unsafeBitCast(setSym, to: SetFn.self)
        let previous = unsafeBitCast(getSym, to: GetFn.self)()
        set(1)
        defer { set(previous) }
        return try body()
    }
}
