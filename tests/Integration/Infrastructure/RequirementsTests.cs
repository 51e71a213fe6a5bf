namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>What counts as a CI run, where a missing client program fails its test instead of skipping it.</summary>
public sealed class RequirementsTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("github-actions")]
    public void IsCiValue_AnyValueButTheFalseOnes_IsCi(string value)
    {
        Assert.True(Requirements.IsCiValue(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData("no")]
    [InlineData("off")]
    public void IsCiValue_UnsetEmptyOrFalse_IsNotCi(string? value)
    {
        Assert.False(Requirements.IsCiValue(value));
    }
}
