using Microsoft.Win32.SafeHandles;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// An <c>mpg123_handle*</c>. Disposing it (or, failing that, finalization) calls
/// <c>mpg123_delete</c>, which also closes the feed and frees its buffers, so a decode that throws
/// leaks nothing.
/// </summary>
internal sealed class Mpg123Handle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the interop marshaller with the pointer <c>mpg123_new</c> returned.</summary>
    public Mpg123Handle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Mpg123Native.Delete(handle);
        return true;
    }
}
