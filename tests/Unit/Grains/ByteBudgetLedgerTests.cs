using MediaOrleans.Grains.Media;

namespace MediaOrleans.Tests.Grains;

public sealed class ByteBudgetLedgerTests
{
    [Fact]
    public void AddingPastTheBudget_AnswersTheLeastRecentlyUsedToLetGo()
    {
        var ledger = new ByteBudgetLedger<string>(250);
        Assert.Empty(ledger.Add("a", 100));
        Assert.Empty(ledger.Add("b", 100));
        ledger.Touch("a");

        Assert.Equal(["b"], ledger.Add("c", 100));
        Assert.Equal(200, ledger.Bytes);
    }

    [Fact]
    public void AnEntryLargerThanTheBudget_IsKept_WhileEverythingElseIsLetGo()
    {
        var ledger = new ByteBudgetLedger<string>(250);
        ledger.Add("a", 100);
        ledger.Add("b", 100);

        Assert.Equal(["a", "b"], ledger.Add("huge", 400));
        Assert.Equal(400, ledger.Bytes);
        Assert.Equal(["huge"], ledger.Add("small", 10));
        Assert.Equal(10, ledger.Bytes);
    }

    [Fact]
    public void RemovedAndReAddedEntries_AreCountedOnce()
    {
        var ledger = new ByteBudgetLedger<string>(1000);
        ledger.Add("a", 100);
        ledger.Add("a", 300);
        ledger.Remove("b");
        Assert.Equal(300, ledger.Bytes);

        ledger.Remove("a");
        Assert.Equal(0, ledger.Bytes);
    }
}
