namespace MediaOrleans.Silo.Storage;

/// <summary>Media store implementations.</summary>
public enum StoreKind
{
    /// <summary>Files under <c>DataPath/media</c> (embedded default).</summary>
    Directory,

    /// <summary>Kazoo-style media documents with attachments in CouchDB (<c>Media:CouchDb</c>).</summary>
    CouchDb,
}
