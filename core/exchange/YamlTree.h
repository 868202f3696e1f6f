#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

/**
 * @brief A YAML document as JSON, with the line each value came from: how Authdeck reads and writes
 *        deploy-cli's tenant.yaml (yaml-cpp underneath).
 *
 * Reading refuses, with a message naming the line, what a tenant file never needs and a hostile file uses:
 * more than kMaxBytes, nesting deeper than kMaxDepth, more than kMaxNodes values (an alias bomb expands
 * to that), anchors and aliases, tags, and a top level that is not a mapping. Plain scalars become booleans
 * (true/false), numbers, or null (~, null, empty); quoted scalars stay strings.
 */
class YamlTree
{
public:
    static constexpr qsizetype kMaxBytes = 64 * 1024 * 1024;
    static constexpr int kMaxDepth = 64;
    static constexpr int kMaxNodes = 2'000'000;

    /// Parses @p text; an Invalid error "Line N: …" when it cannot or must not.
    static Result<YamlTree> parse(const QByteArray &text);

    /**
     * @brief @p document as block YAML, in deploy-cli's style: two-space indentation, sequences indented
     *        under their key, keys in the order @p keyOrder gives them for each path ("" the top level,
     *        "clients[]" a client), then the remaining keys in alphabetical order.
     */
    static QByteArray write(const QJsonObject &document, const QHash<QString, QStringList> &keyOrder);

    const QJsonObject &document() const { return m_document; }
    /// The line (from 1) of the value at @p path ("clients[2].name"); 0 when unknown.
    int lineOf(const QString &path) const { return m_lines.value(path); }

private:
    friend class YamlReader;
    QJsonObject m_document;
    QHash<QString, int> m_lines;
};
