namespace MediaOrleans.Silo.Wire;

/// <summary>Limits the parser enforces on one request head.</summary>
/// <param name="MaxHeadBytes">Request line, headers and the blank line, in bytes.</param>
/// <param name="MaxHeaderCount">Header lines.</param>
public readonly record struct HeadLimits(int MaxHeadBytes, int MaxHeaderCount);
