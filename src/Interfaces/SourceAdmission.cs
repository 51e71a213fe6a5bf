namespace MediaOrleans.Interfaces;

/// <summary>The answer to a source client that asks to stream into a recording.</summary>
public enum SourceAdmissionResult
{
    /// <summary>Credentials valid; stream the body.</summary>
    Accepted,

    /// <summary>No such recording or wrong credentials (SHOUT 401).</summary>
    Unauthorized,

    /// <summary>Another source is already streaming into it, or it is finished (SHOUT 403).</summary>
    Busy,

    /// <summary>The silo cannot spool a source now (its disk is full); the recording stays allocated (SHOUT 503).</summary>
    Unavailable,
}

/// <summary>Admission decision and, when accepted, the session id to append with.</summary>
[GenerateSerializer, Immutable]
public sealed record SourceAdmission(
    [property: Id(0)] SourceAdmissionResult Result,
    [property: Id(1)] Guid Session,
    [property: Id(2)] int MaxSeconds);
