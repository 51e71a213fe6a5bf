using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>A request head a real client sends, and what the parser must make of it.</summary>
internal sealed record ClientHead(
    string Text,
    RequestMethod Method,
    string Target,
    string Path,
    bool IsHttp11,
    bool KeepAlive,
    long? ContentLength,
    int HeaderCount);
