using MediaOrleans.Bench.BusLoad;

// bench/bus.sh's two roles on the broker:
//   echo  --uri U [--exchange kapps] [--reply-exchange targeted] [--routing-key echo_req] [--confirms | --client-tracking]
//         [--concurrency N] [--prefetch N]
//   load  --uri U --routing-key K --media-name NAME [--exchange kapps] [--reply-exchange targeted]
//         [--rate R | --rate max] [--window N] [--seconds S] [--warmup S]
// The load generator prints one JSON line of results; the echo responder prints "ready" and runs until stdin closes.
var arguments = Arguments.Parse(args);
return arguments.Command switch
{
    "echo" => await EchoResponder.RunAsync(arguments),
    "load" => await LoadGenerator.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: BusLoad echo|load --uri amqp://… [options] (see Program.cs)");
    return 2;
}
