namespace MediaOrleans.Silo.Storage;

/// <summary>Which media store backs the grains, bound from <c>Media:Store</c>.</summary>
public sealed class StoreOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Store";

    /// <summary>The store kind.</summary>
    public StoreKind Kind { get; set; } = StoreKind.Directory;
}
