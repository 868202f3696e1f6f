#pragma once

#include <QToolButton>

#include <functional>

/**
 * @brief A small button that copies a value to the clipboard and says so.
 */
class CopyButton : public QToolButton
{
    Q_OBJECT

public:
    /// @p value is asked for at click time, so the button always copies what is shown now.
    CopyButton(const QString &what, std::function<QString()> value, QWidget *parent = nullptr);

Q_SIGNALS:
    void copied();

private:
    void updateIcon();

    std::function<QString()> m_value;
    bool m_justCopied = false;
};
