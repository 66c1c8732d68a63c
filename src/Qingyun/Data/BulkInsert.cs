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
        // Getter and converter looked up once per column, not once per cell: 100,000 rows × 15 columns.
        var values = columns.Select(Accessor).ToArray();
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
                foreach (var valueOf in values)
                {
                    var value = valueOf(row);
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
        // SQLite runs in-process: its async calls are synchronous underneath, and a statement prepared
        // once is bound and stepped again for each row.
        command.Prepare();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i](row) ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }
    }

    private static Func<object, object?> Accessor(IProperty property)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        return row =>
        {
            var value = getter.GetClrValueUsingContainingEntity(row);
            return value switch
            {
                null => null,
                _ when converter is not null => converter.ConvertToProvider(value),
                Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture),
                _ => value,
            };
        };
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
