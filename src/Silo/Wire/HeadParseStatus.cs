namespace MediaOrleans.Silo.Wire;

/// <summary>What the parser made of the bytes so far.</summary>
public enum HeadParseStatus
{
    /// <summary>No complete head yet and nothing wrong so far: read more.</summary>
    Incomplete,

    /// <summary>A complete, valid head.</summary>
    Complete,

    /// <summary>Refused; see <see cref="HeadParseResult.Rejection"/>.</summary>
    Rejected,
}
