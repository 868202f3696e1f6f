#pragma once

#include "core/common/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

/**
 * @brief A tenant in Auth0 Deploy CLI's formats, on disk: the YAML format (tenant.yaml, with each action's
 *        code in actions/<name>/code.js) and the directory format (clients/<name>.json, actions/<name>.json
 *        and actions/<name>/code.js, triggers/triggers.json, guardian/…).
 *
 * In memory the tenant is deploy-cli's assets object (document()): the resource types as keys, each
 * action's "code" holding the code itself. Reading applies deploy-cli's keyword replacement to every file
 * (##KEY## by the value as text, @@KEY@@ by its JSON) and remembers where each value came from, so that a
 * refusal names the file and line. A code path that leaves the input folder is refused.
 */
class TenantFiles
{
public:
    enum class Format
    {
        Yaml,
        Directory,
    };

    /// The resource types Authdeck reads and writes, in the order tenant.yaml lists them.
    static const QStringList &resourceTypes();
    /// "yaml" or "directory" (what --format takes); nothing for another name.
    static std::optional<Format> formatNamed(const QString &name);

    /**
     * @brief Reads @p path: a YAML file, a folder holding tenant.yaml, or a folder in the directory format.
     * @param keywords deploy-cli's AUTH0_KEYWORD_REPLACE_MAPPINGS (a value is text, a number, a boolean,
     *        an array or an object)
     */
    static Result<TenantFiles> read(const QString &path, const QJsonObject &keywords = {});

    /**
     * @brief Writes @p document into folder @p folder (created when missing) in @p format; each file is
     *        written whole (written beside it, then renamed over it). The files written, relative to
     *        @p folder.
     */
    static Result<QStringList> write(const QJsonObject &document, const QString &folder, Format format);

    /// deploy-cli's file name for a resource named @p name: the characters a file name cannot hold become
    /// "-" (sanitize-filename).
    static QString fileNameFor(const QString &name);

    const QJsonObject &document() const { return m_document; }
    /// Where the value at @p path ("clients[2].callbacks") came from: "tenant.yaml, line 14" or
    /// "clients/Web Shop.json"; the input's name when not known more closely.
    QString placeOf(const QString &path) const;

private:
    static Result<TenantFiles> readYaml(const QString &file, const QJsonObject &keywords);
    static Result<TenantFiles> readDirectory(const QString &folder, const QJsonObject &keywords);
    /// Replaces each action's code path by the code it names, read from under @p root.
    Result<void> loadCode(const QString &root, const QJsonObject &keywords);

    QJsonObject m_document;
    QString m_input; ///< the file or folder read, as given
    QHash<QString, QString> m_places;
};
