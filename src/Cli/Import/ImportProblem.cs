namespace MediaOrleans.Cli.Import;

/// <summary>A file that will not be uploaded, and why (<see cref="Error"/> is a stable code).</summary>
internal sealed record ImportProblem(string File, string? Name, string Error, string Message);
