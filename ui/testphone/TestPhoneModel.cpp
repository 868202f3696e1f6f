#include "TestPhoneModel.h"

#include <QLocale>
#include <QRegularExpression>

TestPhoneModel::TestPhoneModel(PlivoSandbox &sandbox, QObject *parent)
    : QAbstractTableModel(parent)
    , m_messages(sandbox.messages())
{
    connect(&sandbox, &PlivoSandbox::messageReceived, this, &TestPhoneModel::received);
    connect(&sandbox, &PlivoSandbox::messageStateChanged, this, &TestPhoneModel::updated);
}

QString TestPhoneModel::codeIn(const QString &text)
{
    static const QRegularExpression code(QStringLiteral("(?<!\\d)(\\d{4,8})(?!\\d)"));
    return code.match(text).captured(1);
}

void TestPhoneModel::received(const PlivoSandbox::Message &message)
{
    beginInsertRows({}, 0, 0);
    m_messages.prepend(message);
    endInsertRows();
}

void TestPhoneModel::updated(const PlivoSandbox::Message &message)
{
    for (int row = 0; row < m_messages.size(); ++row) {
        if (m_messages.at(row).uuid == message.uuid) {
            m_messages[row] = message;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
}

int TestPhoneModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int TestPhoneModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestPhoneModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlivoSandbox::Message &message = m_messages.at(index.row());
    if (role == int(Role::Code))
        return codeIn(message.text);
    if (role == int(Role::Uuid))
        return message.uuid;
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(message.time.toLocalTime().time(), QLocale::ShortFormat);
    case FromColumn:
        return message.from;
    case ToColumn:
        return message.to;
    case TextColumn:
        return message.text;
    case StateColumn:
        return message.state;
    }
    return {};
}

QVariant TestPhoneModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case TextColumn:
        return tr("Message");
    case StateColumn:
        return tr("State");
    }
    return {};
}
