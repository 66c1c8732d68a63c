using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Qingyun.Data;

/// <summary>
/// Writes many new rows of one entity type without EF Core's per-row INSERT: binary COPY on PostgreSQL,
/// one prepared INSERT reused in the open transaction on SQLite. Columns, names and value conversions
/// come from the EF model, so rows land exactly as EF would store them. No change tracking and no
/// interceptors: the caller audits the whole operation (decision 006).
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(this AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        if (connection is NpgsqlConnection npgsql)
        {
            var list = string.Join(", ", columns.Select(c => Quote(c.GetColumnName(table)!)));
            await using var copy = await npgsql.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({list}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var c in columns)
                {
                    var value = ProviderValue(c, row);
                    if (value is null)
                    {
                        await copy.WriteNullAsync(ct);
                    }
                    else
                    {
                        await copy.WriteAsync(value, ct);
                    }
                }
            }
            await copy.CompleteAsync(ct);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = columns.Select((_, i) => "$p" + i).ToList();
        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.GetColumnName(table)!)))}) VALUES ({string.Join(", ", names)})";
        var parameters = columns.Select((c, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = names[i];
            command.Parameters.Add(p);
            return p;
        }).ToList();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = ProviderValue(columns[i], row) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The value as the provider stores it: through the property's converter, Guids as EF's SQLite text.</summary>
    private static object? ProviderValue(IProperty property, object row)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
        if (value is null)
        {
            return null;
        }
        var converter = property.GetTypeMapping().Converter;
        if (converter is not null)
        {
            return converter.ConvertToProvider(value);
        }
        return value switch
        {
            Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
