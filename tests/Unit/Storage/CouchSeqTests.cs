using System.Text.Json;
using MediaOrleans.Silo.Storage.CouchDb;

namespace MediaOrleans.Tests.Storage;

public sealed class CouchSeqTests
{
    [Theory]
    [InlineData("42", "42")]
    [InlineData("\"12-g1AAAAFTeJzLYWBgYMpgTmHgzcvPy09JdcjLz8gvLskBCeexAEmGBiD1HwiyEhnIqPIAQAF1Ag\"", "12-g1AAAAFTeJzLYWBgYMpgTmHgzcvPy09JdcjLz8gvLskBCeexAEmGBiD1HwiyEhnIqPIAQAF1Ag")]
    [InlineData("[3,\"g1AAAA\"]", "[3,\"g1AAAA\"]")]
    public void From_IntegerStringOrArray_KeepsThePositionAsSent(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, CouchSeq.From(document.RootElement)?.Value);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("true")]
    public void From_NoPosition_IsNull(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Null(CouchSeq.From(document.RootElement));
    }

    [Fact]
    public void QueryValue_EscapesOpaqueText()
    {
        Assert.Equal("12-g1AA%2Bb%3D%3D", new CouchSeq("12-g1AA+b==").QueryValue);
        Assert.Equal("0", CouchSeq.Start.QueryValue);
    }

    [Fact]
    public void ChangesParse_PouchDbAnswer_ListsEachDocumentOnceAndTheLastSeq()
    {
        using var answer = JsonDocument.Parse("""
            {"results":[{"id":"a","changes":[{"rev":"2-x"}],"seq":5},{"id":"b","changes":[{"rev":"1-y"}],"seq":6,"deleted":true},
                        {"id":"a","changes":[{"rev":"3-z"}],"seq":7}],"last_seq":7}
            """);

        var changes = CouchChanges.Parse(answer.RootElement, new CouchSeq("4"));

        Assert.Equal(["a", "b"], changes.Documents);
        Assert.Equal(new CouchSeq("7"), changes.Last);
    }

    [Fact]
    public void ChangesParse_CouchDb3AnswerWithoutResults_KeepsStringSeq()
    {
        using var answer = JsonDocument.Parse("""{"results":[],"last_seq":"9-g1AAAABXeJzLYWBgYMpgTmEQTM4vTc5ISXLIyU9OzMnILy7JAUnlsQBJhgYg9R8IsjKYExlzgQLsZiapKSaGRpjKcRqRxwIkGRqA1H-oOVkAXnEcTQ","pending":0}""");

        var changes = CouchChanges.Parse(answer.RootElement, new CouchSeq("8"));

        Assert.Empty(changes.Documents);
        Assert.StartsWith("9-g1AAAAB", changes.Last.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangesParse_NoLastSeq_StaysWhereItWas()
    {
        using var answer = JsonDocument.Parse("""{"results":[]}""");

        Assert.Equal(new CouchSeq("8"), CouchChanges.Parse(answer.RootElement, new CouchSeq("8")).Last);
    }
}
