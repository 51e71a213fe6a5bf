using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Hosting;

// One MediaOrleans silo: Orleans grains plus the HTTP (24517) and SHOUT (24518) listeners.
// Content root is the build output (appsettings.json); relative paths such as Media:DataPath
// resolve against the directory the silo was started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
await builder.PrepareClusterAsync();
builder.AddMediaSilo();

var app = builder.Build();
app.MapMediaEndpoints();
await app.RunAsync();
