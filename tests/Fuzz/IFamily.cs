namespace MediaOrleans.Fuzz;

/// <summary>One kind of hostile input: makes input number <c>n</c> from its own seeded generator and sends it.</summary>
public interface IFamily
{
    /// <summary>The name the report counts it under.</summary>
    string Name { get; }

    /// <summary>Sends one input built from <paramref name="random"/>; <paramref name="deadline"/> bounds the whole exchange.</summary>
    Task<Outcome> SendAsync(Random random, TimeSpan deadline, CancellationToken cancellationToken);
}
