#pragma once

#include <QIcon>
#include <QLineEdit>

/**
 * @brief The pages' search box: a magnifier drawn inside it and a clear button once it holds text.
 *
 * The magnifier is decoration, painted rather than added as a line edit action (which would be a button
 * that does nothing), so a screen reader finds the field and its "Clear search" button, nothing else.
 */
class SearchField : public QLineEdit
{
    Q_OBJECT

public:
    explicit SearchField(QWidget *parent = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /// Where the magnifier is drawn: the leading slot a line edit action would take.
    QRect iconSlot() const;
    void updateMargins();

    QIcon m_icon;
};
