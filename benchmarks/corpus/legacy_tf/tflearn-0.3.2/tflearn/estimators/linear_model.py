
class LinearRegression():
    pass

class LogisticRegression():
    pass
