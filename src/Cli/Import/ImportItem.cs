namespace MediaOrleans.Cli.Import;

/// <summary>A file that will be uploaded as <see cref="Name"/>.</summary>
internal sealed record ImportItem(string File, string Name, string ContentType, long Length);
