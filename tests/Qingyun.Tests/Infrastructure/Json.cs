using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qingyun.Tests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object body) =>
        http.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient http, string url, object body) =>
        http.PutAsJsonAsync(url, body, Options);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Options));

    /// <summary>The Chinese messages of a ProblemDetails response, all fields.</summary>
    public static async Task<string> ProblemTextAsync(this HttpResponseMessage response)
    {
        var json = await response.ReadJsonAsync();
        return json.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : json.GetRawText();
    }
}
