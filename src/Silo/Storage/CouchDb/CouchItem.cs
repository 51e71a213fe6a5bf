using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>A media item found in a CouchDB document.</summary>
/// <param name="Info">Its description.</param>
/// <param name="Attachment">The attachment holding its bytes, if there is one.</param>
public sealed record CouchItem(MediaInfo Info, string? Attachment);
