using System;
using Brokersets.Cli;

return BrokersetsCli.Run(args, Console.Out, Console.Error);
