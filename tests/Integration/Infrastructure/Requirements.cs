namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// Checks that the real clients a test drives are installed. Outside CI a missing one skips the
/// test; in CI it fails it, so CI can never pass by skipping.
/// </summary>
public static class Requirements
{
    /// <summary>
    /// Whether this is a CI run: <c>CI</c> set to anything but empty, <c>0</c>, <c>false</c>,
    /// <c>no</c> or <c>off</c> (CI services set <c>true</c>, <c>1</c> or their own name). The
    /// same rule as scripts/test.sh.
    /// </summary>
    public static bool InCi => IsCiValue(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Whether <paramref name="value"/> of <c>CI</c> means a CI run.</summary>
    public static bool IsCiValue(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().ToUpperInvariant() is not ("0" or "FALSE" or "NO" or "OFF");

    /// <summary>Requires executables on PATH (or absolute paths).</summary>
    public static void Tools(params string[] names)
    {
        foreach (var name in names)
        {
            if (Locate(name) is null)
            {
                Missing($"'{name}' is not installed; run scripts/install-test-deps.sh");
            }
        }
    }

    /// <summary>Requires <paramref name="condition"/>, saying <paramref name="why"/> it is needed.</summary>
    public static void That(bool condition, string why)
    {
        if (!condition)
        {
            Missing(why);
        }
    }

    /// <summary>The full path of <paramref name="name"/>, or null.</summary>
    public static string? Locate(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Missing(string why)
    {
        if (InCi)
        {
            Assert.Fail(why);
        }

        Skip.If(true, why);
    }
}
