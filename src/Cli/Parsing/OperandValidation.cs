using System.CommandLine;

namespace MediaOrleans.Cli.Parsing;

/// <summary>
/// System.CommandLine hands an unknown <c>--option</c> to a free positional argument, so
/// <c>ls --bogus</c> would quietly list names starting with "--bogus". An operand that looks like a
/// long option is refused instead (a usage error): no name starts with "--", and a file that
/// does can be given as <c>./--file</c>.
/// </summary>
internal static class OperandValidation
{
    public static T RejectOptionLike<T>(this T argument) where T : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith("--", StringComparison.Ordinal))
                {
                    result.AddError($"unknown option '{token.Value}'");
                }
            }
        });
        return argument;
    }
}
