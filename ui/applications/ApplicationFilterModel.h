#pragma once

#include <QSortFilterProxyModel>

class ApplicationListModel;

/**
 * @brief Filters an ApplicationListModel by a search text: every word must occur in the name or
 *        client ID, case-insensitively.
 */
class ApplicationFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setSourceModel(QAbstractItemModel *model) override;
    void setSearchText(const QString &text);
    QString searchText() const { return m_words.join(QLatin1Char(' ')); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ApplicationListModel *m_applications = nullptr;
    QStringList m_words;
};
