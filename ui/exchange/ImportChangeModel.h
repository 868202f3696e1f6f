#pragma once

#include "core/exchange/ImportPlan.h"

#include <QAbstractItemModel>

/**
 * @brief The changes of an ImportPlan as a tree, the way the dashboard shows a diff: one row per
 *        resource created ("+", green), changed ("~") or deleted ("−", red), with its fields below it,
 *        each as "before → after" in a compact form (a long value elided, code as its line counts).
 */
class ImportChangeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn, ///< the resource's name, or the field's
        ChangeColumn, ///< "Application · created", or the field's "before → after"
        ColumnCount
    };
    enum class Role
    {
        Kind = Qt::UserRole, ///< the resource's ResourceChange::Kind, as an int
        Type, ///< the resource type, e.g. "clients"
    };

    explicit ImportChangeModel(QObject *parent = nullptr);

    /// Shows @p changes instead of the earlier ones (a model reset).
    void setChanges(const QList<ResourceChange> &changes);
    const QList<ResourceChange> &changes() const { return m_changes; }

    /// The name the dashboard gives a resource type: "Application" for "clients", "Action", "Flow", …
    static QString typeLabel(const QString &type);
    /// @p value on one line: text as it is (a multi-line text as its line count), a list joined with
    /// commas, anything longer than @p width characters elided; "(none)" for undefined.
    static QString valueText(const QJsonValue &value, int width = 60);
    /// What a field change shows: "before → after", only the value for a field created or deleted, and
    /// for multi-line text (code) the line counts and the lines added and removed.
    static QString changeText(const FieldChange &field);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant resourceData(const ResourceChange &change, int column, int role) const;
    QVariant fieldData(const ResourceChange &change, const FieldChange &field, int column, int role) const;

    QList<ResourceChange> m_changes;
};
