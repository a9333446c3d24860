
class DNN():
    pass


class DNNGenerator():
    pass

