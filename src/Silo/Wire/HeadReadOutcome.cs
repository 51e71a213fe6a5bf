namespace MediaOrleans.Silo.Wire;

/// <summary>How reading a request head ended.</summary>
public enum HeadReadOutcome
{
    /// <summary>A complete head is waiting (see <see cref="HeadReader.Head"/>).</summary>
    Head,

    /// <summary>The head was refused (see <see cref="HeadReader.Rejection"/>); answer its status and close.</summary>
    Rejected,

    /// <summary>The client closed, or stayed idle between requests past its time: close without a word.</summary>
    Closed,
}
