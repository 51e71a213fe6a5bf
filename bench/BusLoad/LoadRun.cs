using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MediaOrleans.Bench.BusLoad;

/// <summary>
/// The bookkeeping of one run: when each request was due, which were answered, how long after.
/// Request indexes are the Msg-IDs; those sent during the warm-up are not counted.
/// </summary>
internal sealed class LoadRun(int warmupSeconds, int seconds, int rate, int window) : IDisposable
{
    private readonly Stopwatch _clock = new();
    private readonly Lock _gate = new();
    private readonly List<long> _due = [];
    private readonly List<long> _sent = [];
    private readonly List<double> _latenciesMs = [];
    private readonly List<double> _roundTripsMs = [];
    private readonly List<double> _sendLagsMs = [];
    private readonly SemaphoreSlim _inFlight = new(window);
    private int _firstMeasured = -1;
    private int _lastMeasured = -1;
    private int _errors;
    private int _unexpected;
    private long _measureStart;
    private long _lastAnswer;

    /// <summary>Publishes requests for the warm-up and the measured seconds, paced or windowed.</summary>
    public async Task PublishAllAsync(Func<int, Task> publish)
    {
        _clock.Start();
        var warmupEnd = Stopwatch.Frequency * warmupSeconds;
        var end = warmupEnd + (Stopwatch.Frequency * seconds);
        for (var index = 0; ; index++)
        {
            long due;
            if (rate > 0)
            {
                due = (long)(index * (double)Stopwatch.Frequency / rate);
                if (due >= end)
                {
                    break;
                }

                // Sleep until this request is due; requests that fell due meanwhile go out back to back.
                while (_clock.ElapsedTicks < due)
                {
                    await Task.Delay(1);
                }
            }
            else
            {
                await _inFlight.WaitAsync();
                due = _clock.ElapsedTicks;
                if (due >= end)
                {
                    break;
                }
            }

            lock (_gate)
            {
                _due.Add(due);
                _sent.Add(_clock.ElapsedTicks);
                if (due >= warmupEnd && _firstMeasured < 0)
                {
                    _firstMeasured = index;
                    _measureStart = due;
                }

                if (due >= warmupEnd)
                {
                    _lastMeasured = index;
                }
            }

            await publish(index);
        }
    }

    /// <summary>Records the reply to request <paramref name="msgId"/>.</summary>
    public void Answered(string? msgId, string? eventName)
    {
        var now = _clock.ElapsedTicks;
        if (!int.TryParse(msgId, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            Interlocked.Increment(ref _unexpected);
            return;
        }

        lock (_gate)
        {
            if (index >= _due.Count)
            {
                _unexpected++;
                return;
            }

            if (_firstMeasured >= 0 && index >= _firstMeasured && index <= _lastMeasured)
            {
                _latenciesMs.Add((now - _due[index]) * 1000.0 / Stopwatch.Frequency);
                _roundTripsMs.Add((now - _sent[index]) * 1000.0 / Stopwatch.Frequency);
                _sendLagsMs.Add((_sent[index] - _due[index]) * 1000.0 / Stopwatch.Frequency);
                _lastAnswer = now;
                if (eventName != "media_resp")
                {
                    _errors++;
                }
            }
        }

        if (rate == 0)
        {
            _inFlight.Release();
        }
    }

    /// <summary>Waits until every measured request is answered, or <paramref name="limit"/> passes.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_latenciesMs.Count >= Sent)
                {
                    return;
                }
            }

            await Task.Delay(20);
        }
    }

    /// <summary>One JSON line: offered rate, counts, throughput and latency percentiles in ms.</summary>
    public string Summary(string offered)
    {
        lock (_gate)
        {
            var sorted = _latenciesMs.Order().ToArray();
            var roundTrips = _roundTripsMs.Order().ToArray();
            var sendLags = _sendLagsMs.Order().ToArray();
            double Percentile(double p) => Of(sorted, p);
            // Throughput: answers over the time from the first measured request's due time to the last answer.
            var span = (_lastAnswer - _measureStart) / (double)Stopwatch.Frequency;
            return JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["offered"] = offered,
                ["seconds"] = seconds,
                ["sent"] = Sent,
                ["answered"] = sorted.Length,
                ["lost"] = Sent - sorted.Length,
                ["errors"] = _errors,
                ["unexpected"] = _unexpected,
                ["throughput"] = Math.Round(span > 0 ? sorted.Length / span : 0, 1),
                ["p50_ms"] = Math.Round(Percentile(0.50), 3),
                ["p90_ms"] = Math.Round(Percentile(0.90), 3),
                ["p99_ms"] = Math.Round(Percentile(0.99), 3),
                ["p999_ms"] = Math.Round(Percentile(0.999), 3),
                ["max_ms"] = Math.Round(sorted.Length == 0 ? -1 : sorted[^1], 3),
                // The same from the moment each request actually went out, and how late that was:
                // separates the responder's delay from the generator's own pacing delay.
                ["rtt_p50_ms"] = Math.Round(Of(roundTrips, 0.50), 3),
                ["rtt_p99_ms"] = Math.Round(Of(roundTrips, 0.99), 3),
                ["send_lag_p50_ms"] = Math.Round(Of(sendLags, 0.50), 3),
                ["send_lag_p99_ms"] = Math.Round(Of(sendLags, 0.99), 3),
            });
        }
    }

    public void Dispose() => _inFlight.Dispose();

    // -1 when nothing was answered (JSON has no NaN).
    private static double Of(double[] sorted, double p) =>
        sorted.Length == 0 ? -1 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private int Sent => _firstMeasured < 0 ? 0 : _lastMeasured - _firstMeasured + 1;
}
