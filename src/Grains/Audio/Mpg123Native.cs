using System.Runtime.InteropServices;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// The few libmpg123 calls <see cref="Mpg123Mp3Decoder"/> makes (mpg123.h, API of 1.26 and later,
/// as Debian's libmpg123-0 ships it). None of them takes an <c>off_t</c>, so none has the
/// <c>_64</c> large-file twin and the plain symbol names are the ones to bind.
/// </summary>
internal static unsafe partial class Mpg123Native
{
    /// <summary>The soname: Debian's and Ubuntu's libmpg123-0 package installs exactly this.</summary>
    public const string Library = "libmpg123.so.0";

    // enum mpg123_errors
    public const int Ok = 0;
    public const int Err = -1;
    public const int NeedMore = -10;
    public const int NewFormat = -11;
    public const int Done = -12;

    // enum mpg123_parms
    public const int AddFlags = 2;

    // enum mpg123_param_flags
    public const int FlagQuiet = 0x20;
    public const int FlagGapless = 0x40;

    // enum mpg123_channelcount
    public const int Mono = 1;
    public const int Stereo = 2;

    // enum mpg123_enc_enum (fmt123.h): native-endian 32-bit float.
    public const int EncodingFloat32 = 0x200;

    [LibraryImport(Library, EntryPoint = "mpg123_init")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "mpg123_new")]
    public static partial Mpg123Handle New(nint decoder, out int error);

    [LibraryImport(Library, EntryPoint = "mpg123_delete")]
    public static partial void Delete(nint handle);

    // mpg123.h maps mpg123_param to mpg123_param2 unless MPG123_ENUM_API is defined; same arguments.
    [LibraryImport(Library, EntryPoint = "mpg123_param2")]
    public static partial int Param(Mpg123Handle handle, int type, CLong value, double floatValue);

    [LibraryImport(Library, EntryPoint = "mpg123_format_none")]
    public static partial int FormatNone(Mpg123Handle handle);

    [LibraryImport(Library, EntryPoint = "mpg123_format")]
    public static partial int Format(Mpg123Handle handle, CLong rate, int channels, int encodings);

    [LibraryImport(Library, EntryPoint = "mpg123_open_feed")]
    public static partial int OpenFeed(Mpg123Handle handle);

    [LibraryImport(Library, EntryPoint = "mpg123_feed")]
    public static partial int Feed(Mpg123Handle handle, byte* input, nuint size);

    [LibraryImport(Library, EntryPoint = "mpg123_decode")]
    public static partial int Decode(Mpg123Handle handle, byte* input, nuint inputSize, void* output, nuint outputSize, out nuint done);

    [LibraryImport(Library, EntryPoint = "mpg123_getformat")]
    public static partial int GetFormat(Mpg123Handle handle, out CLong rate, out int channels, out int encoding);

    [LibraryImport(Library, EntryPoint = "mpg123_rates")]
    public static partial void Rates(out CLong* list, out nuint count);

    [LibraryImport(Library, EntryPoint = "mpg123_plain_strerror")]
    public static partial nint PlainError(int code);

    [LibraryImport(Library, EntryPoint = "mpg123_strerror")]
    public static partial nint Error(Mpg123Handle handle);
}
