#pragma once

#include "core/plivo/PlivoSandbox.h"

#include <QAbstractTableModel>

/**
 * @brief The messages that reached the local test phone, newest first, updated live.
 */
class TestPhoneModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        FromColumn,
        ToColumn,
        TextColumn,
        StateColumn,
        ColumnCount
    };
    enum class Role
    {
        Code = Qt::UserRole,
        Uuid
    };

    explicit TestPhoneModel(PlivoSandbox &sandbox, QObject *parent = nullptr);

    /// The one-time code in @p text (the first run of 4 to 8 digits), or an empty string.
    static QString codeIn(const QString &text);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void received(const PlivoSandbox::Message &message);
    void updated(const PlivoSandbox::Message &message);

    QList<PlivoSandbox::Message> m_messages;
};
