#pragma once

#include <QAbstractButton>

class QLabel;

/**
 * @brief A large checkable card with an icon, a title and a wrapped description, for choosing one
 *        of a few options (as the application type chooser does).
 */
class ChoiceCard : public QAbstractButton
{
    Q_OBJECT

public:
    ChoiceCard(const QString &icon,
               const QString &title,
               const QString &description,
               QWidget *parent = nullptr);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateIcon();

    QString m_iconName;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_description;
};
