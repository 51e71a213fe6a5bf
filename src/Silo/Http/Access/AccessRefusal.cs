namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// Why <see cref="AdminAccess"/> turned a request away: the HTTP status, the error code and the
/// sentence for the JSON error body, and whether the answer challenges for a Bearer key.
/// </summary>
public sealed record AccessRefusal(int Status, string Error, string Message, bool Challenge = false);
