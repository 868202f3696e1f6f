#pragma once

#include <QFrame>

class QBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

/**
 * @brief An inline banner for a page: what happened, in plain words, with optional actions.
 *
 * Errors are shown here rather than in pop-ups; the bar stays until it is closed or replaced.
 */
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Level
    {
        Info,
        Success,
        Warning,
        Error
    };

    explicit MessageBar(QWidget *parent = nullptr);

    /// Shows @p text at @p level, replacing any earlier message and its actions.
    void showMessage(const QString &text, Level level);
    /// Adds a button to the current message; it runs @p onClick. Returns the button.
    QPushButton *
    addAction(const QString &text, const QString &objectName, const std::function<void()> &onClick);
    void clear();

    QString text() const;
    Level level() const { return m_level; }

private:
    void updateIcon();

    Level m_level = Level::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QBoxLayout *m_actions;
    QToolButton *m_close;
};
