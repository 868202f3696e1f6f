#pragma once

#include <QString>

class QCoreApplication;
class Tenant;

/// authdeck-cli export and import: the tenant in Auth0 Deploy CLI's formats (core/exchange).
namespace ExchangeCommands {

/// Writes @p tenant to folder @p output in @p format ("yaml" or "directory"); prints the files written.
int exportTenant(Tenant &tenant, const QString &format, const QString &output);

struct ImportRequest
{
    QString input; ///< tenant.yaml, a folder holding it, or a folder in the directory format
    bool dryRun = false;
    bool allowDelete = false;
    /// deploy-cli's keyword mappings as JSON (a file's text, or AUTH0_KEYWORD_REPLACE_MAPPINGS); may be empty
    QByteArray keywords;
};

/// Checks @p request's input whole and prints the changes; unless it is a dry run, applies them all or
/// nothing.
int importTenant(QCoreApplication &app, Tenant &tenant, const ImportRequest &request);

} // namespace ExchangeCommands
