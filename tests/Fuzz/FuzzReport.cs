using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace MediaOrleans.Fuzz;

/// <summary>What the campaign counted: per family, and the checks between batches.</summary>
public sealed class FuzzReport
{
    private const int KeptFailures = 20;
    private readonly ConcurrentDictionary<string, FamilyCounts> _families = new();
    private readonly ConcurrentQueue<string> _failures = new();

    public FuzzReport(int seed, IEnumerable<string> families)
    {
        Seed = seed;
        foreach (var family in families)
        {
            _families[family] = new FamilyCounts();
        }
    }

    public int Seed { get; }

    public TimeSpan Duration { get; set; }

    public long MaxRssMegabytes { get; private set; }

    public int Batches { get; private set; }

    public bool Crashed { get; private set; }

    public int ControlFailures { get; private set; }

    public int RssOverBound { get; private set; }

    public long Inputs => _families.Values.Sum(f => f.Inputs);

    public long Hangs => _families.Values.Sum(f => f.Hangs);

    public long Refused => _families.Values.Sum(f => f.Refused);

    public long UnexpectedServerErrors => _families.Values.Sum(f => f.Unexpected);

    /// <summary>Whether nothing went wrong: no crash, hang, refused connection, unexpected 5xx, control mismatch or memory over the bound.</summary>
    public bool Clean => !Crashed && Hangs == 0 && Refused == 0 && UnexpectedServerErrors == 0 && ControlFailures == 0 && RssOverBound == 0;

    /// <summary>The first failures, each with the family and input number that reproduce it.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public void Record(string family, int input, Outcome outcome, IReadOnlySet<int> allowed)
    {
        var counts = _families[family];
        counts.Add(outcome, allowed);
        var unexpected = outcome.Statuses.Where(s => s >= 500 && !allowed.Contains(s)).ToList();
        if (outcome.Hung || outcome.Refused || unexpected.Count > 0)
        {
            var what = outcome.Hung ? "hang" : outcome.Refused ? "connection refused" : $"unexpected {string.Join(',', unexpected)}";
            Keep($"{family} input {input} (seed {Seed}): {what}");
        }
    }

    public void Check(int batch, string? controlFailure, long rssMegabytes, bool alive, int maxRssMegabytes)
    {
        Batches++;
        MaxRssMegabytes = Math.Max(MaxRssMegabytes, rssMegabytes);
        if (!alive)
        {
            Crashed = true;
            Keep($"after batch {batch}: the silo process is gone");
        }

        if (controlFailure is not null)
        {
            ControlFailures++;
            Keep($"after batch {batch}: {controlFailure}");
        }

        if (rssMegabytes > maxRssMegabytes)
        {
            RssOverBound++;
            Keep($"after batch {batch}: RSS {rssMegabytes} MiB over the {maxRssMegabytes} MiB bound");
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"seed {Seed}: {Inputs:N0} inputs in {Duration.TotalSeconds:0.0} s, {Batches} batches, max RSS {MaxRssMegabytes} MiB");
        text.AppendLine("family        inputs      2xx      3xx      4xx  5xx-allowed  5xx-unexpected  closed-silently  hangs  refused");
        foreach (var (name, f) in _families.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"{name,-12} {f.Inputs,7} {f.Success,8} {f.Redirect,8} {f.ClientError,8} {f.Allowed,12} {f.Unexpected,15} {f.Silent,16} {f.Hangs,6} {f.Refused,8}");
        }

        text.AppendLine(c, $"crashed: {(Crashed ? "yes" : "no")}; control mismatches: {ControlFailures}; RSS over bound: {RssOverBound}; hangs: {Hangs}; unexpected 5xx: {UnexpectedServerErrors}");
        foreach (var failure in _failures)
        {
            text.AppendLine("  " + failure);
        }

        text.Append(Clean ? "RESULT: clean" : "RESULT: FAILED");
        return text.ToString();
    }

    private void Keep(string failure)
    {
        if (_failures.Count < KeptFailures)
        {
            _failures.Enqueue(failure);
        }
    }

    private sealed class FamilyCounts
    {
        private long _inputs, _success, _redirect, _clientError, _allowed, _unexpected, _silent, _hangs, _refused;

        public long Inputs => Interlocked.Read(ref _inputs);

        public long Success => Interlocked.Read(ref _success);

        public long Redirect => Interlocked.Read(ref _redirect);

        public long ClientError => Interlocked.Read(ref _clientError);

        public long Allowed => Interlocked.Read(ref _allowed);

        public long Unexpected => Interlocked.Read(ref _unexpected);

        public long Silent => Interlocked.Read(ref _silent);

        public long Hangs => Interlocked.Read(ref _hangs);

        public long Refused => Interlocked.Read(ref _refused);

        public void Add(Outcome outcome, IReadOnlySet<int> allowed)
        {
            Interlocked.Increment(ref _inputs);
            if (outcome.Hung)
            {
                Interlocked.Increment(ref _hangs);
            }

            if (outcome.Refused)
            {
                Interlocked.Increment(ref _refused);
            }

            if (outcome.Statuses.Count == 0 && !outcome.Hung && !outcome.Refused)
            {
                Interlocked.Increment(ref _silent);
            }

            foreach (var status in outcome.Statuses)
            {
                if (status < 300)
                {
                    Interlocked.Increment(ref _success);
                }
                else if (status < 400)
                {
                    Interlocked.Increment(ref _redirect);
                }
                else if (status < 500)
                {
                    Interlocked.Increment(ref _clientError);
                }
                else if (allowed.Contains(status))
                {
                    Interlocked.Increment(ref _allowed);
                }
                else
                {
                    Interlocked.Increment(ref _unexpected);
                }
            }
        }
    }
}
