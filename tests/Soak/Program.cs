Console.WriteLine("soak");
